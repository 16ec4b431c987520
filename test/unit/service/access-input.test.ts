import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../src/access/types.js';
import {
  checkAccount, checkAction, checkDepth, checkPage, checkResource, normalizeFilter, pageOf,
} from '../../../src/service/access-input.js';
import { modelWithChanges } from '../../../src/service/change-set.js';
import { ServiceError } from '../../../src/service/errors.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (error) {
    return error instanceof ServiceError ? error.code : 'THROWN';
  }
};

describe('pageOf: offsets as cursors', () => {
  const all = ['a', 'b', 'c', 'd', 'e'];
  it.each([
    [{ first: 2 }, ['a', 'b'], [0, 1], true],
    [{ first: 2, after: 1 }, ['c', 'd'], [2, 3], true],
    [{ first: 2, after: 3 }, ['e'], [4], false],
    [{ first: 10, after: null }, all, [0, 1, 2, 3, 4], false],
    [{ first: 0 }, [], [], true],
    [{ first: 3, after: 9 }, [], [], false],
  ])('%j → %j', (page, nodes, offsets, hasNextPage) => {
    const got = pageOf(all, page);
    expect(got.items.map((i) => i.node)).toEqual(nodes);
    expect(got.items.map((i) => i.offset)).toEqual(offsets);
    expect(got).toMatchObject({ totalCount: 5, hasNextPage });
  });
});

describe('input checks', () => {
  it.each([
    ['first 500', () => checkPage({ first: 500 }), undefined],
    ['first 501', () => checkPage({ first: 501 }), 'BAD_REQUEST'],
    ['first -1', () => checkPage({ first: -1 }), 'BAD_REQUEST'],
    ['after -1', () => checkPage({ first: 1, after: -1 }), 'BAD_REQUEST'],
    ['action s3:GetObject', () => checkAction('s3:GetObject'), undefined],
    ['action s3:Get*', () => checkAction('s3:Get*'), 'BAD_REQUEST'],
    ['action GetObject', () => checkAction('GetObject'), 'BAD_REQUEST'],
    ['resource *', () => checkResource('*'), undefined],
    ['resource bucket ARN', () => checkResource('arn:aws:s3:::reports/q1.csv'), undefined],
    ['resource without arn:', () => checkResource('reports/q1.csv'), 'BAD_REQUEST'],
    ['resource with an empty resource part', () => checkResource('arn:aws:s3:::'), 'BAD_REQUEST'],
    ['depth 5', () => checkDepth(5), undefined],
    ['depth 0', () => checkDepth(0), 'BAD_REQUEST'],
    ['depth 6', () => checkDepth(6), 'BAD_REQUEST'],
    ['account 12 digits', () => checkAccount('111122223333'), undefined],
    ['account 11 digits', () => checkAccount('11112222333'), 'BAD_REQUEST'],
  ])('%s → %s', (_name, check, code) => {
    expect(codeOf(check)).toBe(code);
  });
});

describe('normalizeFilter', () => {
  it('drops empty and absent fields, deduplicates and sorts, so equal filters have one cache key', () => {
    expect(normalizeFilter(null)).toEqual({});
    expect(normalizeFilter({ principals: [], services: ['s3', 'iam', 's3'], kinds: ['LOST', 'GAINED'] }))
      .toEqual({ services: ['iam', 's3'], kinds: ['GAINED', 'LOST'] });
  });

  it.each([
    ['a blank pattern', { actions: [' '] }],
    ['an unknown kind', { kinds: ['MAYBE' as never] }],
    ['too many patterns', { resources: Array.from({ length: 201 }, (_, i) => `arn:aws:s3:::b${i}`) }],
  ])('rejects %s with BAD_REQUEST', (_name, filter) => {
    expect(codeOf(() => normalizeFilter(filter))).toBe('BAD_REQUEST');
  });
});

describe('modelWithChanges: an uncommitted change set over a version, in memory', () => {
  const ACCOUNT = '111122223333';
  const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const trustPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = (name: string) => ({
    arn: roleArn(name), accountId: ACCOUNT, name, path: '/', tags: {}, trustPolicy, permissionsBoundary: null,
    inlinePolicies: [], managedPolicies: [], serviceLinked: false,
  });
  const base: ModelVersion = {
    org: 'acme', version: 3, awsOrgId: 'o-acme000001', managementAccountId: '999999999999', rootId: 'r-acme',
    entities: [
      { kind: 'account', key: ACCOUNT, body: { id: ACCOUNT, name: 'dev', parentId: 'r-acme', tags: {}, scps: [], rcps: [] } },
      { kind: 'role', key: roleArn('B'), body: role('B') },
      { kind: 'root', key: 'r-acme', body: { id: 'r-acme', scpEnabled: false, rcpEnabled: false, scps: [], rcps: [] } },
    ],
  };

  it('applies puts and deletes, keeps (kind, key) order and the base untouched', () => {
    const after = modelWithChanges(base, [
      { op: 'put', kind: 'role', body: role('A') },
      { op: 'delete', kind: 'role', key: roleArn('B') },
    ]);
    expect(after.version).toBeNull();
    expect(after.entities.map((e) => `${e.kind}:${e.key}`)).toEqual([`account:${ACCOUNT}`, `role:${roleArn('A')}`, 'root:r-acme']);
    expect(base.entities).toHaveLength(3);
  });

  it.each([
    ['an empty change set', [], 'BAD_REQUEST'],
    ['a malformed policy', [{ op: 'put', kind: 'role', body: { ...role('A'), trustPolicy: { Statement: [{ Effect: 'Maybe' }] } } }], 'BAD_POLICY'],
    ['deleting what does not exist', [{ op: 'delete', kind: 'role', key: roleArn('Nobody') }], 'BAD_REQUEST'],
  ])('rejects %s with %s, as commit does', (_name, changes, code) => {
    expect(codeOf(() => modelWithChanges(base, changes as never))).toBe(code);
  });
});
