import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../../src/cache/codec.js';
import type { PrincipalSnapshot, ResourceSnapshot } from '../../../src/model/ports.js';

const principal: PrincipalSnapshot = {
  user: {
    arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', name: 'alice', path: '/',
    inlinePolicies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
    managedPolicies: [], tags: { team: 'data' }, groups: [], permissionsBoundary: null,
  },
  role: null,
  groups: [],
  managedPolicies: [],
  account: { id: '111122223333', name: 'dev', parentId: 'r-abcd', tags: {}, scps: ['p-1'], rcps: [] },
  placement: { awsOrgId: 'o-abcdefghij', orgPath: 'o-abcdefghij/r-abcd/', isManagementAccount: false },
  scpChain: [{ target: 'r-abcd', policies: [{ id: 'p-1', name: 'Full', type: 'SCP', document: { Statement: [] } }] }],
};
const resource: ResourceSnapshot = { resource: null, role: null, accountId: null, placement: null, rcpChain: null };

describe('snapshot codec', () => {
  it.each([
    ['principal', principal],
    ['resource', resource],
  ] as const)('a %s snapshot survives the round trip', (kind, snapshot) => {
    const text = encodeSnapshot(kind, snapshot);
    expect(text.startsWith('v1:')).toBe(true);
    expect(decodeSnapshot(kind, text)).toEqual(snapshot);
  });

  it.each([
    ['another codec version', `v2:${JSON.stringify(principal)}`],
    ['no version prefix', JSON.stringify(principal)],
    ['truncated JSON', encodeSnapshot('principal', principal).slice(0, 40)],
    ['not an object', 'v1:[1,2]'],
    ['null', 'v1:null'],
    ['a resource snapshot', encodeSnapshot('resource', resource)],
    ['groups that are not a list', `v1:${JSON.stringify({ ...principal, groups: 'x' })}`],
  ])('decoding %s is a miss', (_name, text) => {
    expect(decodeSnapshot('principal', text)).toBeUndefined();
  });
});
