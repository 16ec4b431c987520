import { describe, expect, it } from 'vitest';
import { toChanges, type ChangeSource } from '../../../src/service/change-input.js';
import { ServiceError } from '../../../src/service/errors.js';

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function problemsOf(sources: ChangeSource[]): unknown {
  try {
    toChanges(sources);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('BAD_REQUEST');
    return (error as ServiceError).details?.['problems'];
  }
  return expect.fail('expected BAD_REQUEST');
}

describe('toChanges', () => {
  it.each<[string, ChangeSource, unknown]>([
    ['a user, with name, path and account from its ARN', { putUser: { arn: 'arn:aws:iam::111122223333:user/eng/data/alice' } }, {
      op: 'put', kind: 'user', body: {
        arn: 'arn:aws:iam::111122223333:user/eng/data/alice', name: 'alice', path: '/eng/data/', accountId: '111122223333',
        inlinePolicies: [], managedPolicies: [], tags: {}, groups: [], permissionsBoundary: null,
      },
    }],
    ['a service-linked role', { putRole: { arn: 'arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX', trustPolicy: doc } }, {
      op: 'put', kind: 'role', body: expect.objectContaining({ path: '/aws-service-role/x.amazonaws.com/', serviceLinked: true, name: 'AWSServiceRoleForX' }),
    }],
    ['an AWS managed policy', { putPolicy: { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', document: JSON.stringify(doc) } }, {
      op: 'put', kind: 'policy', body: { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess', path: '/', accountId: 'aws', document: doc },
    }],
    ['a bucket with its account given', { putResource: { arn: 'arn:aws:s3:::b', accountId: '111122223333' } }, {
      op: 'put', kind: 'resource', body: { arn: 'arn:aws:s3:::b', accountId: '111122223333', policy: null, tags: {} },
    }],
    ['a root, policy types enabled by default', { putRoot: { id: 'r-abcd' } }, {
      op: 'put', kind: 'root', body: { id: 'r-abcd', scpEnabled: true, rcpEnabled: true, scps: [], rcps: [] },
    }],
    ['a delete', { delete: { kind: 'user', key: 'k' } }, { op: 'delete', kind: 'user', key: 'k' }],
    ['an attach', { attach: { attachment: 'SCP', policy: 'p-12345678', targetKind: 'account', targetKey: '111122223333' } }, {
      op: 'attach', attachment: 'SCP', policy: 'p-12345678', targetKind: 'account', targetKey: '111122223333',
    }],
  ])('%s', (_name, source, want) => {
    expect(toChanges([source])).toEqual([want]);
  });

  it('keeps JSON text that is not an object for the model to report', () => {
    const [change] = toChanges([{ putOrgPolicy: { id: 'p-12345678', name: 'x', type: 'SCP', document: '{not json' } }]);
    expect(change).toMatchObject({ body: { document: '{not json' } });
  });

  it.each<[string, ChangeSource[], unknown]>([
    ['no field set', [{ delete: { kind: 'user', key: 'k' } }, {}], [{ change: 1, message: expect.stringMatching(/changes\[1\]: set exactly one .* \(got none\)/) }]],
    ['two fields set', [{ delete: { kind: 'user', key: 'k' }, detach: { attachment: 'MANAGED', policy: 'p', targetKind: 'user', targetKey: 'k' } }],
      [{ change: 0, message: expect.stringContaining('(got delete, detach)') }]],
    ['an ARN of the wrong type', [{ putGroup: { arn: 'arn:aws:iam::111122223333:user/alice' } }], [{ change: 0, message: expect.stringContaining('not an IAM group ARN') }]],
    ['tags that are not strings', [{ putAccount: { id: '111122223333', name: 'a', parentId: 'r-abcd', tags: { a: 1 } } }], [{ change: 0, message: expect.stringContaining('tags') }]],
    ['a resource whose account is unknown', [{ putResource: { arn: 'arn:aws:s3:::b' } }], [{ change: 0, message: expect.stringContaining('accountId is required') }]],
  ])('BAD_REQUEST for %s, naming the change', (_name, sources, want) => {
    expect(problemsOf(sources)).toEqual(want);
  });
});
