import { describe, expect, it } from 'vitest';
import { createLru } from '../../../src/cache/lru.js';
import { compilePolicy, parsePolicy, type CompiledPolicy, type PolicyDocument } from '../../../src/core/index.js';
import type { PolicySideSource, PrincipalSide, PrincipalSnapshot, ResourceSide, ResourceSnapshot, VersionSource } from '../../../src/model/ports.js';
import { createDecisionService, decisionMemoKey, type StoredDecision, type StoredRequestInput } from '../../../src/service/decisions.js';
import { ServiceError } from '../../../src/service/errors.js';
import { account, ACCT, user } from '../model/entities.js';

const compiled = (id: string, statements: unknown[]): CompiledPolicy => {
  const r = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return compilePolicy(id, r.value as PolicyDocument);
};

// Version 1 allows reads, and writes until 2027 (a condition on the clock); version 2 allows nothing.
const IDENTITY: Record<number, CompiledPolicy[]> = {
  1: [compiled('p', [
    { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    { Sid: 'WriteUntil2027', Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } } },
    { Sid: 'TeamList', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'red' } } },
  ])],
  2: [],
};
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const snapshot: PrincipalSnapshot = { user: user('alice'), role: null, groups: [], managedPolicies: [], account: account(ACCT, 'r-ab12'), placement: null, scpChain: null };
const resourceSnapshot: ResourceSnapshot = {
  resource: { arn: 'arn:aws:s3:::b', accountId: ACCT, policy: null, tags: {} }, role: null, accountId: ACCT, placement: null, rcpChain: null,
};

/** The decision service over in-memory sides, counting how often it asks for them. */
function service(withMemo = true) {
  const reads = { principal: 0, resource: 0 };
  const principalSide = (version: number): PrincipalSide => {
    reads.principal++;
    if (!(version in IDENTITY)) throw new ServiceError('NOT_FOUND', `no version ${version}`);
    return { snapshot, identity: IDENTITY[version]! };
  };
  const resourceSide = (): ResourceSide => {
    reads.resource++;
    return { snapshot: resourceSnapshot };
  };
  const sides: PolicySideSource = {
    principalSide: async (_org, version) => principalSide(version),
    resourceSide: async () => resourceSide(),
    cachedPrincipalSide: (_org, version) => principalSide(version),
    cachedResourceSide: () => resourceSide(),
  };
  const versions: VersionSource = { latestVersion: async () => 2, checkVersion: async () => undefined };
  // A memo that keeps every decision at once (the app's keeps it on the second offer: src/cache/decision-memo.ts).
  const memo = createLru<StoredDecision>({ max: 100 });
  const port = { get: (key: string) => memo.get(key), set: (key: string, d: StoredDecision) => (memo.set(key, d), true) };
  const decisions = createDecisionService({ sides, versions, batchMax: 10, ...(withMemo && { memo: port }) });
  return { decisions, memo, reads };
}

const NOW = new Date('2026-06-15T12:00:00Z');
const LATER = new Date('2028-06-15T12:00:00Z');
const request = (action: string, extra: Partial<StoredRequestInput> = {}): StoredRequestInput =>
  ({ principal: ALICE, action, resource: 'arn:aws:s3:::b/k', ...extra });

describe('the decision memo', () => {
  it('answers a repeated request with the decision it remembered, without reading its sides again', async () => {
    const { decisions, memo, reads } = service();
    const first = await decisions.authorize('o', 1, request('s3:GetObject'), { explain: false, now: NOW });
    expect(first.decision).toBe('ALLOW');
    expect(reads).toEqual({ principal: 1, resource: 1 });
    const again = await decisions.authorize('o', 1, request('s3:GetObject'), { explain: false, now: LATER });
    expect(again).toBe(first);
    expect(Object.isFrozen(again) && Object.isFrozen(again.decisiveStatements)).toBe(true);
    expect(reads).toEqual({ principal: 1, resource: 1 });
    expect(memo.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
  });

  it('keys on the version, the context and the resource account: each asks afresh', async () => {
    const { decisions, reads } = service();
    const ask = (version: number, extra: Partial<StoredRequestInput> = {}) =>
      decisions.authorize('o', version, request('s3:ListBucket', extra), { explain: false, now: NOW });
    expect((await ask(1, { context: { 'aws:RequestTag/team': 'red' } })).decision).toBe('ALLOW');
    expect((await ask(1, { context: { 'aws:RequestTag/team': 'blue' } })).decision).toBe('IMPLICIT_DENY');
    expect((await ask(1)).decision).toBe('IMPLICIT_DENY');
    expect((await ask(2, { context: { 'aws:RequestTag/team': 'red' } })).decision).toBe('IMPLICIT_DENY');
    // Another account's resource without a policy: cross-account, so not the remembered ALLOW.
    expect((await ask(1, { context: { 'aws:RequestTag/team': 'red' }, resourceAccount: '444455556666' })).decision).toBe('IMPLICIT_DENY');
    expect(reads.principal).toBe(5);
    expect((await ask(1, { context: { 'aws:RequestTag/team': 'red' } })).decision).toBe('ALLOW');
    expect(reads.principal).toBe(5);
  });

  it('does not remember a decision that read the clock', async () => {
    const { decisions, memo } = service();
    expect((await decisions.authorize('o', 1, request('s3:PutObject'), { explain: false, now: NOW })).decision).toBe('ALLOW');
    expect((await decisions.authorize('o', 1, request('s3:PutObject'), { explain: false, now: LATER })).decision).toBe('IMPLICIT_DENY');
    expect(memo.size).toBe(0);
    // A request that carries the time itself does not read the clock: it is remembered.
    const timed = request('s3:PutObject', { context: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } });
    expect((await decisions.authorize('o', 1, timed, { explain: false, now: LATER })).decision).toBe('ALLOW');
    expect(memo.size).toBe(1);
  });

  it('leaves explain and session policies out, and remembers no error', async () => {
    const { decisions, memo } = service();
    const explained = await decisions.explain('o', 1, request('s3:GetObject'), { now: NOW });
    expect(explained.explanation).toBeDefined();
    const session = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect((await decisions.authorize('o', 1, request('s3:GetObject', { sessionPolicy: session }), { explain: false, now: NOW })).decision).toBe('ALLOW');
    await expect(Promise.resolve().then(() => decisions.authorize('o', 7, request('s3:GetObject'), { explain: false, now: NOW }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(memo.size).toBe(0);
    // explain after a remembered authorize still explains.
    await decisions.authorize('o', 1, request('s3:GetObject'), { explain: false, now: NOW });
    expect((await decisions.explain('o', 1, request('s3:GetObject'), { now: NOW })).explanation).toBeDefined();
  });

  it('checks a request before looking it up: a bad one is refused even when its key text matches a remembered one', async () => {
    const { decisions } = service();
    await decisions.authorize('o', 1, request('s3:GetObject', { context: {} }), { explain: false, now: NOW });
    // `{ k: undefined }` would serialize as `{}`; it is not a valid context and never reaches the memo.
    await expect(Promise.resolve().then(() => decisions.authorize('o', 1, request('s3:GetObject', { context: { k: undefined } }), { explain: false, now: NOW })))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('serves batch items from the memo and decides the rest, in request order', async () => {
    const memoized = service();
    const plain = service(false);
    const items = [request('s3:GetObject'), request('s3:PutObject'), request('s3:Nope!'), request('s3:ListBucket', { context: { 'aws:RequestTag/team': 'red' } })];
    const first = await memoized.decisions.authorizeBatch('o', 1, items, { now: NOW });
    const second = await memoized.decisions.authorizeBatch('o', 1, items, { now: NOW });
    const reference = await plain.decisions.authorizeBatch('o', 1, items, { now: NOW });
    const outcome = (xs: typeof first) => xs.map((x) => ({ index: x.index, decision: x.result?.decision ?? null, code: x.error?.code ?? null }));
    expect(outcome(first)).toEqual(outcome(reference));
    expect(outcome(second)).toEqual(outcome(reference));
    expect(outcome(reference).map((o) => o.decision ?? o.code)).toEqual(['ALLOW', 'ALLOW', 'BAD_REQUEST', 'ALLOW']);
    // GetObject and ListBucket are remembered; PutObject read the clock.
    expect(second[0]!.result).toBe(first[0]!.result);
    expect(second[3]!.result).toBe(first[3]!.result);
    expect(second[1]!.result).not.toBe(first[1]!.result);
    expect(memoized.memo.stats()).toMatchObject({ entries: 2, hits: 2 });
  });
});

describe('decisionMemoKey', () => {
  const base = { principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
  it('differs whenever a part of the request or the version differs', () => {
    const keys = [
      decisionMemoKey('o', 1, base, undefined),
      decisionMemoKey('o', 2, base, undefined),
      decisionMemoKey('p', 1, base, undefined),
      decisionMemoKey('o', 1, { ...base, action: 's3:PutObject' }, undefined),
      decisionMemoKey('o', 1, { ...base, resource: 'arn:aws:s3:::b/l' }, undefined),
      decisionMemoKey('o', 1, { ...base, principal: `${ALICE}x` }, undefined),
      decisionMemoKey('o', 1, { ...base, resourceAccount: ACCT }, undefined),
      decisionMemoKey('o', 1, { ...base, context: { a: '1' } }, undefined),
      decisionMemoKey('o', 1, { ...base, context: { a: 1 } }, undefined),
      decisionMemoKey('o', 1, { ...base, context: { a: ['1'] } }, undefined),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(decisionMemoKey('o', 1, base, { Version: '2012-10-17', Statement: [] })).toBeUndefined();
    expect(decisionMemoKey('o', 1, base, null)).toBe(keys[0]);
  });
  it('tells apart requests whose strings hold what once separated the parts of a key', () => {
    // Both are valid requests; keys joined by U+0000 were equal for them: "b\0111122223333" + "" vs "b" + "111122223333\0".
    const bucket = { ...base, resource: 'arn:aws:s3:::b\u0000111122223333' };
    const account = { ...base, resource: 'arn:aws:s3:::b', resourceAccount: '111122223333\u0000' };
    expect(decisionMemoKey('o', 1, bucket, undefined)).not.toBe(decisionMemoKey('o', 1, account, undefined));
    expect(decisionMemoKey('o\u00001', 2, base, undefined)).not.toBe(decisionMemoKey('o', 12, base, undefined));
  });
});
