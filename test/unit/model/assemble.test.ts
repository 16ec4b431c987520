import { describe, expect, it } from 'vitest';
import { parsePolicy, type AuthorizationRequest, type PolicyInput } from '../../../src/core/index.js';
import { assemble, combineLayers, principalLayers, resourceLayers, type AssembleInput } from '../../../src/model/assemble.js';
import type { OrgLevel, PrincipalSnapshot, ResourceSnapshot } from '../../../src/model/ports.js';
import { ACCT, account, doc, group, orgPolicy, policy, policyArn, resource, role, roleArn, user, userArn } from './entities.js';

const parse = (label: string, json: unknown): PolicyInput => {
  const r = parsePolicy(json);
  if (!r.ok) throw new Error(`${label}: ${JSON.stringify(r.error)}`);
  return { id: label, document: r.value };
};

const placement = { awsOrgId: 'o-abcdefghij', orgPath: 'o-abcdefghij/r-ab12/ou-ab12-aaaaaaaa/', isManagementAccount: false };
const chain: OrgLevel[] = [
  { target: 'r-ab12', policies: [orgPolicy('p-FullAWSAccess', 'SCP')] },
  { target: ACCT, policies: [orgPolicy('p-denyleave01', 'SCP')] },
];
const rcpChain: OrgLevel[] = [{ target: 'r-ab12', policies: [orgPolicy('p-enforcetls1', 'RCP')] }];

const alice = user('alice', {
  inlinePolicies: [{ name: 'Own', document: doc() }], managedPolicies: [policyArn('Read')], groups: [], tags: { team: 'blue' },
  permissionsBoundary: policyArn('Boundary'),
});
const devs = group('devs', { inlinePolicies: [{ name: 'Ec2', document: doc() }], managedPolicies: [policyArn('Read'), policyArn('Write')] });
const userSnapshot: PrincipalSnapshot = {
  user: alice, role: null, groups: [devs], account: account(ACCT, 'r-ab12'), placement, scpChain: chain,
  managedPolicies: [policy('Read'), policy('Write'), policy('Boundary')],
};
const app = role('app', { inlinePolicies: [{ name: 'Inline', document: doc() }], managedPolicies: [policyArn('Read')], tags: { env: 'prod' } });
const roleSnapshot: PrincipalSnapshot = { ...userSnapshot, user: null, role: app, groups: [], managedPolicies: [policy('Read')] };
const bucket: ResourceSnapshot = {
  resource: resource('arn:aws:s3:::b', { policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), tags: { data: 'internal' } }),
  role: null, accountId: ACCT, placement, rcpChain,
};
const nothing: ResourceSnapshot = { resource: null, role: null, accountId: null, placement: null, rcpChain: null };
const request: AuthorizationRequest = { principal: userArn('alice'), action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };

const run = (o: Partial<AssembleInput>) => assemble({ request, principal: userSnapshot, resource: bucket, parse, ...o });
const ids = (ps: readonly PolicyInput[] | undefined) => ps?.map((p) => p.id);

describe('assemble policies', () => {
  it.each<[string, Partial<AssembleInput>, (r: ReturnType<typeof assemble>) => unknown, unknown]>([
    ['user identity: own inline, own managed, then each group (a shared managed policy once)', {}, (r) => ids(r.policies.identity),
      ['inline:alice/Own', policyArn('Read'), 'group:devs/inline:Ec2', policyArn('Write')]],
    ['role identity', { principal: roleSnapshot }, (r) => ids(r.policies.identity), ['inline:app/Inline', policyArn('Read')]],
    ['no principal entity: no identity', { principal: null }, (r) => r.policies.identity, []],
    ['boundary by ARN', {}, (r) => r.policies.permissionBoundary?.id, policyArn('Boundary')],
    ['a boundary missing from the snapshot allows nothing', { principal: { ...userSnapshot, managedPolicies: [] } },
      (r) => r.policies.permissionBoundary?.document.statements, []],
    ['no boundary', { principal: roleSnapshot }, (r) => r.policies.permissionBoundary, undefined],
    ['session policy', { sessionPolicy: doc() }, (r) => r.policies.session?.id, 'session'],
    ['no session policy', {}, (r) => r.policies.session, undefined],
    ['SCP levels', {}, (r) => r.policies.scp?.map((l) => [l.target, ids(l.policies)]), [['r-ab12', ['p-FullAWSAccess']], [ACCT, ['p-denyleave01']]]],
    ['no SCPs when not enabled', { principal: { ...userSnapshot, scpChain: null } }, (r) => r.policies.scp, undefined],
    ['no SCPs in the management account', { principal: { ...userSnapshot, placement: { ...placement, isManagementAccount: true } } }, (r) => r.policies.scp, undefined],
    ['no SCPs for a service-linked role', { principal: { ...roleSnapshot, role: { ...app, serviceLinked: true } } }, (r) => r.policies.scp, undefined],
    ['RCP levels', {}, (r) => r.policies.rcp?.map((l) => [l.target, ids(l.policies)]), [['r-ab12', ['p-enforcetls1']]]],
    ['no RCPs when not enabled', { resource: { ...bucket, rcpChain: null } }, (r) => r.policies.rcp, undefined],
    ['no RCPs for a service-linked role', { principal: { ...roleSnapshot, role: { ...app, serviceLinked: true } } }, (r) => r.policies.rcp, undefined],
    ['no RCPs on management-account resources', { resource: { ...bucket, placement: { ...placement, isManagementAccount: true } } }, (r) => r.policies.rcp, undefined],
    ['resource policy', {}, (r) => r.policies.resource?.id, 'policy:arn:aws:s3:::b'],
    ['a role resource: its trust policy', { resource: { ...nothing, role: app, accountId: ACCT } }, (r) => r.policies.resource?.id, `trustPolicy:${roleArn('app')}`],
    ['no resource policy', { resource: nothing }, (r) => r.policies.resource, undefined],
  ])('%s', (_name, input, pick, expected) => {
    expect(pick(run(input))).toEqual(expected);
  });
});

describe('assemble context', () => {
  it.each<[string, Partial<AssembleInput>, Record<string, string | string[]>]>([
    ['user tags, org and resource keys', {}, {
      'aws:PrincipalTag/team': 'blue', 'aws:PrincipalOrgID': 'o-abcdefghij', 'aws:PrincipalOrgPaths': [placement.orgPath],
      'aws:ResourceTag/data': 'internal', 'aws:ResourceOrgID': 'o-abcdefghij', 'aws:ResourceOrgPaths': [placement.orgPath], 'aws:ResourceAccount': ACCT,
    }],
    ['role tags; role resource tags', { principal: roleSnapshot, resource: { ...nothing, role: app, accountId: ACCT } }, {
      'aws:PrincipalTag/env': 'prod', 'aws:PrincipalOrgID': 'o-abcdefghij', 'aws:PrincipalOrgPaths': [placement.orgPath],
      'aws:ResourceTag/env': 'prod', 'aws:ResourceAccount': ACCT,
    }],
    ['the request wins, in any case', { request: { ...request, context: { 'AWS:PRINCIPALTAG/TEAM': 'red', 'aws:resourceaccount': '999999999999' } } }, {
      'aws:PrincipalOrgID': 'o-abcdefghij', 'aws:PrincipalOrgPaths': [placement.orgPath],
      'aws:ResourceTag/data': 'internal', 'aws:ResourceOrgID': 'o-abcdefghij', 'aws:ResourceOrgPaths': [placement.orgPath],
    }],
    ['nothing known', { principal: null, resource: nothing }, {}],
  ])('%s', (_name, input, expected) => {
    expect(run(input).context).toEqual(expected);
  });
});

describe('assemble in sides', () => {
  it('equals the caller\'s layers and the resource\'s layers combined, as the cached path builds them', () => {
    for (const [p, r] of [[userSnapshot, bucket], [roleSnapshot, nothing], [{ ...roleSnapshot, role: { ...app, serviceLinked: true } }, bucket], [null, bucket]] as const) {
      const whole = assemble({ request, principal: p, resource: r, parse, sessionPolicy: doc() }).policies;
      const sides = combineLayers(p, p ? principalLayers(p, parse) : null, resourceLayers(r, parse), parse('session', doc()));
      expect(sides).toEqual(whole);
    }
  });
});
