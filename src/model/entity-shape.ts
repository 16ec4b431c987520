import { s3BucketOfObject } from './resource-key.js';
import type { EntityKind } from './types.js';
import { parseIamArn, type IamArnType } from './iam-arn.js';
import { ACCOUNT_ID, ORG_POLICY_ID, OU_ID, ROOT_ID } from './ids.js';

type Body = Record<string, unknown>;
type Check = (b: Body, out: string[]) => void;

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

const str = (field: string, re?: RegExp, what?: string): Check => (b, out) => {
  const v = b[field];
  if (typeof v !== 'string' || v === '') out.push(`${field} must be a non-empty string, got ${show(v)}`);
  else if (re && !re.test(v)) out.push(`${field} ${show(v)} is not ${what ?? 'valid'}`);
};

const bool = (field: string): Check => (b, out) => {
  if (typeof b[field] !== 'boolean') out.push(`${field} must be a boolean, got ${show(b[field])}`);
};

const tags: Check = (b, out) => {
  const t = b['tags'];
  if (!isObject(t) || Object.values(t).some((v) => typeof v !== 'string')) out.push('tags must be an object of string values');
};

/** A list of unique strings, each checked by `item` (which returns a complaint or undefined). */
const list = (field: string, item: (s: string, b: Body) => string | undefined): Check => (b, out) => {
  const v = b[field];
  if (!Array.isArray(v)) { out.push(`${field} must be an array`); return; }
  const seen = new Set<string>();
  for (const s of v as unknown[]) {
    if (typeof s !== 'string') { out.push(`${field} must hold strings, got ${show(s)}`); continue; }
    if (seen.has(s)) out.push(`${field} lists ${show(s)} twice`);
    seen.add(s);
    const complaint = item(s, b);
    if (complaint) out.push(`${field}: ${complaint}`);
  }
};

const anyId = (re: RegExp, what: string) => (s: string): string | undefined => (re.test(s) ? undefined : `${show(s)} is not ${what}`);

/** An ARN of `type`, in the entity's account (or `aws` for AWS managed policies). */
const arnIn = (type: IamArnType) => (s: string, b: Body): string | undefined => {
  const a = parseIamArn(s);
  if (!a || a.type !== type) return `${show(s)} is not an IAM ${type} ARN`;
  if (a.account !== b['accountId'] && !(type === 'policy' && a.account === 'aws')) return `${show(s)} is in another account`;
  return undefined;
};

const boundary: Check = (b, out) => {
  const v = b['permissionsBoundary'];
  if (v === null) return;
  const complaint = typeof v === 'string' ? arnIn('policy')(v, b) : `${show(v)} is not a policy ARN or null`;
  if (complaint) out.push(`permissionsBoundary: ${complaint}`);
};

const policyJson = (field: string, nullable = false): Check => (b, out) => {
  const v = b[field];
  if (!(isObject(v) || (nullable && v === null))) out.push(`${field} must be a policy document object${nullable ? ' or null' : ''}`);
};

/** The ARN names the kind, and the body's accountId, path and name agree with it. */
const iamIdentity = (type: IamArnType): Check => (b, out) => {
  const a = typeof b['arn'] === 'string' ? parseIamArn(b['arn']) : undefined;
  if (!a || a.type !== type) { out.push(`arn ${show(b['arn'])} is not an IAM ${type} ARN (arn:aws:iam::<account>:${type}/<path/><name>)`); return; }
  if (b['accountId'] !== a.account) out.push(`accountId ${show(b['accountId'])} differs from the ARN's account ${a.account}`);
  if (b['name'] !== a.name) out.push(`name ${show(b['name'])} differs from the ARN's name ${a.name}`);
  if (b['path'] !== a.path) out.push(`path ${show(b['path'])} differs from the ARN's path ${a.path}`);
};

const inline: Check = (b, out) => {
  const v = b['inlinePolicies'];
  if (!Array.isArray(v)) { out.push('inlinePolicies must be an array'); return; }
  const names = new Set<string>();
  for (const p of v as unknown[]) {
    const name = isObject(p) ? p['name'] : undefined;
    if (typeof name !== 'string' || !/^[\w+=,.@-]{1,128}$/.test(name)) out.push(`inline policy name ${show(name)} is not valid`);
    else if (names.has(name)) out.push(`inline policy ${show(name)} appears twice`);
    else names.add(name);
    if (!isObject(p) || !isObject(p['document'])) out.push(`inline policy ${show(name)} needs a document object`);
  }
};

const orgTarget: Check[] = [
  list('scps', anyId(ORG_POLICY_ID, 'a policy id (p-…)')),
  list('rcps', anyId(ORG_POLICY_ID, 'a policy id (p-…)')),
];
const holder = (type: IamArnType): Check[] => [iamIdentity(type), inline, list('managedPolicies', arnIn('policy'))];
const PARENT = new RegExp(`${ROOT_ID.source}|${OU_ID.source}`);

// SCPs and RCPs can be attached only while their policy type is enabled in the root
// (Organizations API Reference, AttachPolicy: PolicyTypeNotEnabledException).
const enabledTypes: Check = (b, out) => {
  if (b['scpEnabled'] === false && Array.isArray(b['scps']) && b['scps'].length > 0) out.push('SCPs are attached but not enabled');
  if (b['rcpEnabled'] === false && Array.isArray(b['rcps']) && b['rcps'].length > 0) out.push('RCPs are attached but not enabled');
};

// An account with an empty parentId is outside the organization (a partner's or a customer's account
// whose IAM entities are modelled): no OU path, no SCPs or RCPs apply to it.
const accountParent: Check = (b, out) => {
  const v = b['parentId'];
  if (v === '') {
    const attached = [b['scps'], b['rcps']].some((l) => Array.isArray(l) && l.length > 0);
    if (attached) out.push('an account outside the organization (parentId "") cannot have SCPs or RCPs attached');
  } else {
    str('parentId', PARENT, 'a root or OU id, or "" for an account outside the organization')(b, out);
  }
};

const CHECKS: Readonly<Record<EntityKind, readonly Check[]>> = {
  root: [str('id', ROOT_ID, 'a root id (r-…)'), bool('scpEnabled'), bool('rcpEnabled'), ...orgTarget, enabledTypes],
  ou: [str('id', OU_ID, 'an OU id (ou-…-…)'), str('name'), str('parentId', PARENT, 'a root or OU id'), ...orgTarget],
  account: [str('id', ACCOUNT_ID, 'a 12-digit account id'), str('name'), accountParent, tags, ...orgTarget],
  user: [...holder('user'), tags, list('groups', arnIn('group')), boundary],
  group: holder('group'),
  role: [...holder('role'), tags, policyJson('trustPolicy'), boundary, bool('serviceLinked')],
  policy: [iamIdentity('policy'), policyJson('document')],
  orgPolicy: [str('id', ORG_POLICY_ID, 'a policy id (p-…)'), str('name'), str('type', /^(SCP|RCP)$/, 'SCP or RCP'), policyJson('document')],
  resource: [str('arn', /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/, 'an ARN'), str('accountId', ACCOUNT_ID, 'a 12-digit account id'), policyJson('policy', true), tags, resourceAccount()],
};

function resourceAccount(): Check {
  // S3 bucket ARNs carry no account; where an ARN has one it must be the resource's account.
  return (b, out) => {
    const arn = typeof b['arn'] === 'string' ? b['arn'] : undefined;
    const account = arn?.split(':')[4];
    if (account && account !== b['accountId']) out.push(`accountId ${show(b['accountId'])} differs from the ARN's account ${account}`);
    if (arn && s3BucketOfObject(arn)) out.push(`arn ${show(arn)} is an S3 object: S3 policies and tags belong to the bucket (${s3BucketOfObject(arn)})`);
  };
}

/** What is wrong with an entity body's shape for its kind; empty when it is well-formed. */
export function entityShapeProblems(kind: EntityKind, body: unknown): string[] {
  if (!isObject(body)) return [`a ${kind} body must be an object`];
  const out: string[] = [];
  for (const check of CHECKS[kind]) check(body, out);
  return out;
}
