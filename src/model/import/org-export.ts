import { err, ok, type Result } from '../../core/index.js';
import type { Change } from '../changes.js';
import type { Account, OrgPolicy, Ou, Resource, Root } from '../types.js';
import { ACCOUNT_ID, AWS_ORG_ID } from '../ids.js';
import type { ImportProblem } from './import-problem.js';
import { isJson, JsonReader, type Json } from './json-reader.js';

/** An organization export turned into changes, with the organization's own identifiers. */
export interface OrgImport {
  readonly awsOrgId: string;
  readonly managementAccountId: string;
  readonly rootId: string;
  readonly changes: readonly Change[];
}

type Attachments = Map<string, { scps: string[]; rcps: string[] }>;

function policiesOf(r: JsonReader, json: Json): { policy: OrgPolicy; targets: [string, string][] }[] {
  return r.objects(json, 'policies', '$').map(([o, at]) => {
    const type = o['type'];
    if (type !== 'SCP' && type !== 'RCP') r.problem('INVALID_FORMAT', `${at}.type`, 'expected "SCP" or "RCP"');
    const policy: OrgPolicy = {
      id: r.str(o, 'id', at), name: r.str(o, 'name', at), type: type === 'RCP' ? 'RCP' : 'SCP',
      document: r.document(o['document'], `${at}.document`),
    };
    return { policy, targets: r.strings(o, 'targets', at).map((t, i): [string, string] => [t, `${at}.targets[${i}]`]) };
  });
}

function resourcesOf(r: JsonReader, json: Json): Resource[] {
  return r.objects(json, 'resources', '$').map(([o, at]) => ({
    arn: r.str(o, 'arn', at), accountId: r.str(o, 'accountId', at),
    policy: o['policy'] === undefined || o['policy'] === null ? null : r.document(o['policy'], `${at}.policy`),
    tags: r.tags(o['tags'], `${at}.tags`),
  }));
}

const attached = (a: Attachments, id: string) => ({ scps: a.get(id)?.scps ?? [], rcps: a.get(id)?.rcps ?? [] });

/**
 * Turns the organization export documented in `src/model/import/README.md` into puts: org policies,
 * the root, OUs, accounts (each target carrying the SCP and RCP ids whose `targets` name it) and
 * resources. Shapes and references are checked again by `applyChanges`; this reports what only the
 * file can tell: missing members and targets that name no root, OU or account of the file.
 */
export function changesFromOrgExport(json: unknown): Result<OrgImport, ImportProblem[]> {
  if (!isJson(json)) return err([{ code: 'INVALID_FORMAT', path: '$', message: 'expected an organization export object' }]);
  const r = new JsonReader();
  const awsOrgId = r.str(json, 'awsOrgId', '$');
  if (awsOrgId && !AWS_ORG_ID.test(awsOrgId)) r.problem('INVALID_FORMAT', '$.awsOrgId', `${JSON.stringify(awsOrgId)} is not an organization id (o-…)`);
  const managementAccountId = r.str(json, 'managementAccountId', '$');
  if (managementAccountId && !ACCOUNT_ID.test(managementAccountId)) r.problem('INVALID_FORMAT', '$.managementAccountId', 'expected a 12-digit account id');
  const rootJson = json['root'];
  if (!isJson(rootJson)) return err([...r.problems, { code: 'INVALID_FORMAT', path: '$.root', message: 'expected {"id": "r-…", "scpEnabled": …, "rcpEnabled": …}' }]);
  const rootId = r.str(rootJson, 'id', '$.root');
  const ous = r.objects(json, 'ous', '$').map(([o, at]) => ({ id: r.str(o, 'id', at), name: r.str(o, 'name', at), parentId: r.str(o, 'parentId', at) }));
  const accounts = r.objects(json, 'accounts', '$').map(([o, at]) => ({
    id: r.str(o, 'id', at), name: r.str(o, 'name', at), parentId: r.str(o, 'parentId', at), tags: r.tags(o['tags'], `${at}.tags`),
  }));
  const policies = policiesOf(r, json);
  const targets = new Set([rootId, ...ous.map((o) => o.id), ...accounts.map((a) => a.id)]);
  const attachments: Attachments = new Map();
  for (const { policy, targets: ts } of policies) {
    for (const [target, at] of ts) {
      if (!targets.has(target)) { r.problem('UNKNOWN_TARGET', at, `${JSON.stringify(target)} is not the root, an OU or an account of this file`); continue; }
      const entry = attachments.get(target) ?? { scps: [], rcps: [] };
      (policy.type === 'SCP' ? entry.scps : entry.rcps).push(policy.id);
      attachments.set(target, entry);
    }
  }
  const root: Root = { id: rootId, scpEnabled: rootJson['scpEnabled'] === true, rcpEnabled: rootJson['rcpEnabled'] === true, ...attached(attachments, rootId) };
  const resources = resourcesOf(r, json);
  if (r.problems.length > 0) return err(r.problems);
  const changes: Change[] = [
    ...policies.map(({ policy }): Change => ({ op: 'put', kind: 'orgPolicy', body: policy })),
    { op: 'put', kind: 'root', body: root },
    ...ous.map((o): Change => ({ op: 'put', kind: 'ou', body: { ...o, ...attached(attachments, o.id) } satisfies Ou })),
    ...accounts.map((a): Change => ({ op: 'put', kind: 'account', body: { ...a, ...attached(attachments, a.id) } satisfies Account })),
    ...resources.map((body): Change => ({ op: 'put', kind: 'resource', body })),
  ];
  return ok({ awsOrgId, managementAccountId, rootId, changes });
}
