import { describe, expect, it } from 'vitest';
import { mapEvaluation } from '../../../src/server/authzen.js';

const subject = { type: 'iam_principal', id: 'arn:aws:iam::111122223333:user/alice' };
const action = { name: 's3:GetObject' };
const resource = { type: 's3_object', id: 'arn:aws:s3:::bucket/key' };

describe('mapEvaluation', () => {
  it.each([
    ['the minimal 4-tuple', { subject, action, resource }, 'acme',
      { org: 'acme', version: null, atLeastVersion: null, request: { principal: subject.id, action: 's3:GetObject', resource: resource.id } }],
    ['subject.properties.org over the default', { subject: { ...subject, properties: { org: 'other' } }, action, resource }, 'acme',
      expect.objectContaining({ org: 'other' })],
    ['resource.properties.account → resourceAccount', { subject, action, resource: { ...resource, properties: { account: '444455556666' } } }, 'acme',
      expect.objectContaining({ request: expect.objectContaining({ resourceAccount: '444455556666' }) })],
    ['service:key context entries → IAM context; others ignored', { subject, action, resource, context: { time: 'x', 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a'] } }, 'acme',
      expect.objectContaining({ request: expect.objectContaining({ context: { 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a'] } }) })],
    ['context.version and at_least_version', { subject, action, resource, context: { version: 3, at_least_version: 2 } }, 'acme',
      expect.objectContaining({ version: 3, atLeastVersion: 2, request: expect.not.objectContaining({ context: expect.anything() }) })],
    ['subject.properties.session_policy → sessionPolicy', { subject: { ...subject, properties: { session_policy: { Version: '2012-10-17', Statement: [] } } }, action, resource }, 'acme',
      expect.objectContaining({ request: expect.objectContaining({ sessionPolicy: { Version: '2012-10-17', Statement: [] } }) })],
  ])('%s', (_name, tuple, org, want) => {
    expect(mapEvaluation(tuple, org)).toEqual(want);
  });

  it.each([
    ['no subject', { action, resource }, /^subject is required/],
    ['subject.id not a string', { subject: { type: 'u', id: 7 }, action, resource }, /^subject\.id/],
    ['subject.properties not an object', { subject: { ...subject, properties: [] }, action, resource }, /^subject\.properties/],
    ['no action', { subject, resource }, /^action\.name/],
    ['no resource type', { subject, action, resource: { id: 'x' } }, /^resource\.type/],
    ['a non-string account', { subject, action, resource: { ...resource, properties: { account: 1 } } }, /account/],
    ['a context that is a list', { subject, action, resource, context: [] }, /^context must be an object/],
    ['a negative version', { subject, action, resource, context: { version: -1 } }, /^context\.version/],
    ['no organization', { subject, action, resource }, /no organization/],
  ])('BAD_REQUEST for %s', (_name, tuple, message) => {
    expect(() => mapEvaluation(tuple, _name === 'no organization' ? undefined : 'acme')).toThrow(message);
  });
});
