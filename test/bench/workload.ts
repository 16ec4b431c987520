/** A seeded, generated organization-scale workload for benchmarks (same seed, same workload). */

/** mulberry32: a small seeded PRNG, so runs are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES: Record<string, string[]> = {
  s3: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy', 'PutBucketPolicy', 'GetObjectTagging'],
  ec2: ['DescribeInstances', 'RunInstances', 'TerminateInstances', 'StartInstances', 'StopInstances', 'CreateTags'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'DeleteItem', 'UpdateItem'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
  iam: ['PassRole', 'GetRole', 'ListRoles', 'CreateRole'],
  logs: ['PutLogEvents', 'CreateLogStream', 'CreateLogGroup'],
};
const SERVICE_NAMES = Object.keys(SERVICES);

type Json = Record<string, unknown>;

/** One generated role with the policies and request material it needs. */
export interface WorkloadRole {
  readonly account: string;
  readonly name: string;
  readonly identity: Json[];
  readonly boundary: Json | null;
}

/** The generated organization. */
export interface Workload {
  readonly accounts: string[];
  readonly roles: WorkloadRole[];
  readonly scpLevels: { target: string; policies: Json[] }[];
  readonly buckets: { name: string; account: string; policy: Json }[];
  readonly requests: { role: number; bucket: number; action: string; resource: string; context: Record<string, string> }[];
}

/** Builds the workload: 2,000 roles (default) with 2–5 policies of 3–15 statements each. */
export function generateWorkload(opts: { seed?: number; accounts?: number; roles?: number; requests?: number } = {}): Workload {
  const r = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const accounts = Array.from({ length: opts.accounts ?? 40 }, (_, i) => String(100000000000 + i * 7919));
  const buckets = Array.from({ length: 200 }, (_, i) => ({ name: `bucket-${i}`, account: pick(accounts) }));

  const resourceFor = (svc: string, account: string): string => {
    switch (svc) {
      case 's3': return `arn:aws:s3:::${pick(buckets).name}/${pick(['data', 'logs', 'tmp'])}/*`;
      case 'dynamodb': return `arn:aws:dynamodb:us-east-1:${account}:table/t${int(0, 50)}`;
      case 'sqs': return `arn:aws:sqs:us-east-1:${account}:q${int(0, 50)}`;
      default: return r() < 0.5 ? '*' : `arn:aws:${svc}:*:${account}:*`;
    }
  };
  const condition = (): Json | undefined => {
    const x = r();
    if (x < 0.6) return undefined;
    if (x < 0.75) return { StringEquals: { 'aws:PrincipalTag/team': pick(['red', 'blue', 'green']) } };
    if (x < 0.85) return { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } };
    if (x < 0.95) return { Bool: { 'aws:SecureTransport': 'true' } };
    return { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } };
  };
  const statement = (account: string): Json => {
    const svc = pick(SERVICE_NAMES);
    const actions = SERVICES[svc]!;
    const action = r() < 0.3 ? `${svc}:${pick(['Get', 'Describe', 'List', 'Put'])}*` : Array.from({ length: int(1, 3) }, () => `${svc}:${pick(actions)}`);
    const cond = condition();
    return { Effect: r() < 0.12 ? 'Deny' : 'Allow', Action: action, Resource: resourceFor(svc, account), ...(cond ? { Condition: cond } : {}) };
  };
  const policy = (account: string): Json => ({
    Version: '2012-10-17', Statement: Array.from({ length: int(3, 15) }, () => statement(account)),
  });

  const roles: WorkloadRole[] = Array.from({ length: opts.roles ?? 2000 }, (_, i) => {
    const account = pick(accounts);
    return {
      account, name: `role-${i}`,
      identity: Array.from({ length: int(2, 5) }, () => policy(account)),
      boundary: r() < 0.3 ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'sqs:*', 'kms:*', 'logs:*'], Resource: '*' }] } : null,
    };
  });
  const scpLevels = [
    { target: 'r-root', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }] },
    { target: 'ou-prod', policies: [{ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: ['ec2:TerminateInstances', 'iam:CreateRole'], Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin-*' } } },
    ] }] },
  ];
  const withPolicies = buckets.map((b) => ({
    ...b,
    policy: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { AWS: pick(accounts) }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${b.name}`, `arn:aws:s3:::${b.name}/*`] },
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${b.name}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ] },
  }));
  // A request names a concrete resource: wildcards in a generated pattern become a name; `*` stays.
  const concrete = (pattern: string) => (pattern === '*' ? '*' : pattern.replace(/\*/g, 'x1'));
  const requests = Array.from({ length: opts.requests ?? 100_000 }, () => {
    const role = int(0, roles.length - 1);
    const bucket = int(0, buckets.length - 1);
    const svc = r() < 0.5 ? 's3' : pick(SERVICE_NAMES);
    const action = `${svc}:${pick(SERVICES[svc]!)}`;
    const account = roles[role]!.account;
    const resource = svc === 's3' ? `arn:aws:s3:::${buckets[bucket]!.name}/${pick(['data', 'logs', 'tmp'])}/f${int(0, 99)}.csv`
      : concrete(resourceFor(svc, account));
    const context = { 'aws:SourceIp': pick(['10.1.2.3', '172.16.0.1', '192.168.1.1']), 'aws:SecureTransport': pick(['true', 'true', 'false']), 'aws:PrincipalTag/team': pick(['red', 'blue']) };
    return { role, bucket, action, resource, context };
  });
  return { accounts, roles, scpLevels, buckets: withPolicies, requests };
}
