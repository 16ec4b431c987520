import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../../src/core/policy/parse.js';
import { itemPath, memberPath, ROOT, showPath } from '../../../../src/core/policy/json-path.js';
import type { PolicyDocument, Statement } from '../../../../src/core/policy/types.js';

const NO_PRINCIPAL = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] };
const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const doc = (...statements: unknown[]): unknown => ({ Version: '2012-10-17', Statement: statements });

function parsed(input: unknown): PolicyDocument {
  const r = parsePolicy(input);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function problems(input: unknown): { path: string; code: string }[] {
  const r = parsePolicy(input);
  if (r.ok) throw new Error('expected problems, got ok');
  for (const p of r.error) expect(p.message).not.toBe('');
  return r.error.map(({ path, code }) => ({ path, code }));
}

describe('json-path', () => {
  it.each([
    [memberPath(ROOT, 'Statement'), 'Statement'],
    [itemPath(memberPath(ROOT, 'Statement'), 2), 'Statement[2]'],
    [memberPath(memberPath('Statement[2]', 'Condition'), 'StringLike'), 'Statement[2].Condition.StringLike'],
    [memberPath('Statement.Condition.StringEquals', 'aws:PrincipalTag/team'), 'Statement.Condition.StringEquals["aws:PrincipalTag/team"]'],
    [memberPath('Statement[0].Condition', 'ForAnyValue:StringLike'), 'Statement[0].Condition["ForAnyValue:StringLike"]'],
    [memberPath(ROOT, 'two words'), '["two words"]'],
    [memberPath(ROOT, 'say "hi"'), '["say \\"hi\\""]'],
    [showPath(ROOT), '$'],
    [showPath('Version'), 'Version'],
  ])('%s is %s', (got, want) => expect(got).toBe(want));
});

describe('parsePolicy: valid documents', () => {
  it.each<[string, unknown, Partial<PolicyDocument>, Partial<Statement>[]]>([
    ['one statement in an array', doc(allow), { version: '2012-10-17' },
      [{ index: 0, effect: 'Allow', action: ['s3:GetObject'], resource: ['*'], condition: [] }]],
    ['a single statement object has index 0', { Version: '2008-10-17', Statement: allow }, { version: '2008-10-17' },
      [{ index: 0, effect: 'Allow' }]],
    ['no Version element', { Statement: [allow] }, { version: undefined }, [{ effect: 'Allow' }]],
    ['Id and Sid', { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ ...allow, Sid: 'Enable IAM policies' }] },
      { id: 'key-default-1' }, [{ sid: 'Enable IAM policies' }]],
    ['an empty statement list', doc(), {}, []],
    ['indexes follow the array', doc(allow, { ...allow, Effect: 'Deny' }), {}, [{ index: 0, effect: 'Allow' }, { index: 1, effect: 'Deny' }]],
    ['NotAction, NotResource, arrays', doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:Get?essionToken'], NotResource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::${aws:username}'] }),
      {}, [{ notAction: ['iam:*', 'sts:Get?essionToken'], notResource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::${aws:username}'], action: undefined, resource: undefined }]],
    ['Action "*" and a resource-less statement (trust policy)', doc({ Effect: 'Allow', Action: '*', Principal: { Service: 'lambda.amazonaws.com' } }),
      {}, [{ action: ['*'], resource: undefined, notResource: undefined, principal: { ...NO_PRINCIPAL, service: ['lambda.amazonaws.com'] } }]],
    ['Principal "*"', doc({ ...allow, Principal: '*' }), {}, [{ principal: { ...NO_PRINCIPAL, wildcard: true } }]],
    ['Principal {"AWS": "*"} is not the wildcard flag', doc({ ...allow, Principal: { AWS: '*' } }), {}, [{ principal: { ...NO_PRINCIPAL, aws: ['*'] } }]],
    ['every principal type', doc({ ...allow, NotPrincipal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:role/R'], Service: 's.amazonaws.com', Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc' } }),
      {}, [{ notPrincipal: { wildcard: false, aws: ['111122223333', 'arn:aws:iam::111122223333:role/R'], service: ['s.amazonaws.com'], federated: ['cognito-identity.amazonaws.com'], canonicalUser: ['abc'] } }]],
    ['empty Condition object', doc({ ...allow, Condition: {} }), {}, [{ condition: [] }]],
    ['JSON text input', JSON.stringify(doc(allow)), { version: '2012-10-17' }, [{ effect: 'Allow' }]],
    ['action service prefixes with hyphens and any case', doc({ ...allow, Action: ['aws-marketplace:ViewSubscriptions', 'S3:get*', 'execute-api:Invoke'] }),
      {}, [{ action: ['aws-marketplace:ViewSubscriptions', 'S3:get*', 'execute-api:Invoke'] }]],
  ])('%s', (_name, input, want, statements) => {
    const got = parsed(input);
    for (const key of Object.keys(want) as (keyof PolicyDocument)[]) expect(got[key]).toEqual(want[key]);
    expect(got.statements).toHaveLength(statements.length);
    statements.forEach((s, i) => {
      for (const [key, value] of Object.entries(s)) expect(got.statements[i]?.[key as keyof Statement]).toEqual(value);
    });
  });

  it.each<[unknown, { operator: string; key: string; values: string[] }[]]>([
    [{ StringEquals: { 'aws:PrincipalTag/team': 'red' } }, [{ operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['red'] }]],
    [{ Bool: { 'aws:SecureTransport': true } }, [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] }]],
    [{ NumericLessThan: { 's3:max-keys': [42, 1.5, '7'] } }, [{ operator: 'NumericLessThan', key: 's3:max-keys', values: ['42', '1.5', '7'] }]],
    [{ StringLike: { 's3:prefix': ['', 'home/'] } }, [{ operator: 'StringLike', key: 's3:prefix', values: ['', 'home/'] }]],
    [{ 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*'] }, Null: { 'aws:MultiFactorAuthAge': 'true', 'aws:TokenIssueTime': false } }, [
      { operator: 'ForAnyValue:StringLikeIfExists', key: 'aws:TagKeys', values: ['a*'] },
      { operator: 'Null', key: 'aws:MultiFactorAuthAge', values: ['true'] },
      { operator: 'Null', key: 'aws:TokenIssueTime', values: ['false'] },
    ]],
  ])('Condition %j → entries in document order', (condition, want) => {
    expect(parsed(doc({ ...allow, Condition: condition })).statements[0]?.condition).toEqual(want);
  });
});

describe('parsePolicy: malformed documents', () => {
  it.each<[string, unknown, { path: string; code: string }[]]>([
    ['invalid JSON text', '{"Statement": [', [{ path: '$', code: 'INVALID_JSON' }]],
    ['JSON text of a string', '"policy"', [{ path: '$', code: 'NOT_AN_OBJECT' }]],
    ['an array', [allow], [{ path: '$', code: 'NOT_AN_OBJECT' }]],
    ['null', null, [{ path: '$', code: 'NOT_AN_OBJECT' }]],
    ['missing Statement', { Version: '2012-10-17' }, [{ path: 'Statement', code: 'MISSING_ELEMENT' }]],
    ['Statement of the wrong type', { Statement: 'Allow' }, [{ path: 'Statement', code: 'INVALID_TYPE' }]],
    ['unknown top-level elements', { Statement: [allow], statement: [], 'x y': 1 }, [
      { path: 'statement', code: 'UNKNOWN_ELEMENT' }, { path: '["x y"]', code: 'UNKNOWN_ELEMENT' }]],
    ['bad Version', { Version: '2012-10-18', Statement: [allow] }, [{ path: 'Version', code: 'INVALID_VERSION' }]],
    ['Version as a number', { Version: 2012, Statement: [allow] }, [{ path: 'Version', code: 'INVALID_TYPE' }]],
    ['Id as a number', { Id: 7, Statement: [allow] }, [{ path: 'Id', code: 'INVALID_TYPE' }]],
    ['a statement that is not an object', doc(allow, 'Allow'), [{ path: 'Statement[1]', code: 'INVALID_TYPE' }]],
    ['Effect in the wrong case', doc({ ...allow, Effect: 'allow' }), [{ path: 'Statement[0].Effect', code: 'INVALID_EFFECT' }]],
    ['Effect missing (single statement)', { Statement: { Action: '*' } }, [{ path: 'Statement.Effect', code: 'MISSING_ELEMENT' }]],
    ['Effect not a string', doc({ ...allow, Effect: true }), [{ path: 'Statement[0].Effect', code: 'INVALID_TYPE' }]],
    ['Action and NotAction', doc({ ...allow, NotAction: 'iam:*' }), [{ path: 'Statement[0]', code: 'CONFLICTING_ELEMENTS' }]],
    ['neither Action nor NotAction', doc({ Effect: 'Allow', Resource: '*' }), [{ path: 'Statement[0].Action', code: 'MISSING_ELEMENT' }]],
    ['Resource and NotResource', doc({ ...allow, NotResource: '*' }), [{ path: 'Statement[0]', code: 'CONFLICTING_ELEMENTS' }]],
    ['Principal and NotPrincipal', doc({ ...allow, Principal: '*', NotPrincipal: '*' }), [{ path: 'Statement[0]', code: 'CONFLICTING_ELEMENTS' }]],
    ['unknown statement elements', doc({ ...allow, Actions: 's3:*', effect: 'Allow' }), [
      { path: 'Statement[0].Actions', code: 'UNKNOWN_ELEMENT' }, { path: 'Statement[0].effect', code: 'UNKNOWN_ELEMENT' }]],
    ['Sid not a string', doc({ ...allow, Sid: 1 }), [{ path: 'Statement[0].Sid', code: 'INVALID_TYPE' }]],
    ['duplicate Sids', doc({ ...allow, Sid: 'A' }, { ...allow, Sid: 'B' }, { ...allow, Sid: 'A' }), [{ path: 'Statement[2].Sid', code: 'DUPLICATE_SID' }]],
    ['bad actions', doc({ ...allow, Action: ['s3GetObject', 's3:', '*:GetObject', 's3:Get Object'] }), [
      { path: 'Statement[0].Action[0]', code: 'INVALID_ACTION' }, { path: 'Statement[0].Action[1]', code: 'INVALID_ACTION' },
      { path: 'Statement[0].Action[2]', code: 'INVALID_ACTION' }, { path: 'Statement[0].Action[3]', code: 'INVALID_ACTION' }]],
    ['empty Action array', doc({ ...allow, Action: [] }), [{ path: 'Statement[0].Action', code: 'EMPTY_VALUE' }]],
    ['empty Action string', doc({ ...allow, Action: '' }), [{ path: 'Statement[0].Action', code: 'EMPTY_VALUE' }]],
    ['Action items of the wrong type', doc({ ...allow, NotAction: ['s3:*', 3, null], Action: undefined }), [
      { path: 'Statement[0]', code: 'CONFLICTING_ELEMENTS' }, { path: 'Statement[0].Action', code: 'INVALID_TYPE' },
      { path: 'Statement[0].NotAction[1]', code: 'INVALID_TYPE' }, { path: 'Statement[0].NotAction[2]', code: 'INVALID_TYPE' }]],
    ['bad resources', doc({ ...allow, Resource: ['bucket/*', 'ARN:aws:s3:::x', 'arn:aws:s3:::ok', ''] }), [
      { path: 'Statement[0].Resource[0]', code: 'INVALID_RESOURCE' }, { path: 'Statement[0].Resource[1]', code: 'INVALID_RESOURCE' },
      { path: 'Statement[0].Resource[3]', code: 'EMPTY_VALUE' }]],
    ['Resource of the wrong type', doc({ ...allow, Resource: { arn: '*' } }), [{ path: 'Statement[0].Resource', code: 'INVALID_TYPE' }]],
    ['Principal as a bare ARN', doc({ ...allow, Principal: 'arn:aws:iam::111122223333:root' }), [{ path: 'Statement[0].Principal', code: 'INVALID_PRINCIPAL' }]],
    ['unknown principal type', doc({ ...allow, Principal: { aws: '*', User: 'x' } }), [
      { path: 'Statement[0].Principal.aws', code: 'INVALID_PRINCIPAL' }, { path: 'Statement[0].Principal.User', code: 'INVALID_PRINCIPAL' }]],
    ['partial principal wildcard', doc({ ...allow, Principal: { AWS: ['arn:aws:iam::111122223333:role/ci-*'] } }), [{ path: 'Statement[0].Principal.AWS[0]', code: 'INVALID_PRINCIPAL' }]],
    ['empty principal values', doc({ ...allow, Principal: { AWS: [], Service: '' } }), [
      { path: 'Statement[0].Principal.AWS', code: 'EMPTY_VALUE' }, { path: 'Statement[0].Principal.Service', code: 'EMPTY_VALUE' }]],
    ['empty principal map', doc({ ...allow, NotPrincipal: {} }), [{ path: 'Statement[0].NotPrincipal', code: 'EMPTY_VALUE' }]],
    ['Principal of the wrong type', doc({ ...allow, Principal: ['*'] }), [{ path: 'Statement[0].Principal', code: 'INVALID_TYPE' }]],
    ['unknown condition operator', doc({ ...allow, Condition: { StringEqual: { 'aws:x': 'y' }, 'ForSomeValues:StringEquals': { 'aws:y': 'x' } } }), [
      { path: 'Statement[0].Condition.StringEqual', code: 'INVALID_CONDITION' },
      { path: 'Statement[0].Condition["ForSomeValues:StringEquals"]', code: 'INVALID_CONDITION' }]],
    ['NullIfExists is not an operator', doc({ ...allow, Condition: { NullIfExists: { 'aws:x': 'true' } } }), [{ path: 'Statement[0].Condition.NullIfExists', code: 'INVALID_CONDITION' }]],
    ['Condition of the wrong type', doc({ ...allow, Condition: [] }), [{ path: 'Statement[0].Condition', code: 'INVALID_TYPE' }]],
    ['condition block of the wrong type', doc({ ...allow, Condition: { StringEquals: 'x' } }), [{ path: 'Statement[0].Condition.StringEquals', code: 'INVALID_TYPE' }]],
    ['empty condition block', doc({ ...allow, Condition: { StringEquals: {} } }), [{ path: 'Statement[0].Condition.StringEquals', code: 'EMPTY_VALUE' }]],
    ['condition values of the wrong type', doc({ ...allow, Condition: { StringEquals: { 'aws:PrincipalTag/team': null, 'aws:x': ['a', { b: 1 }, ['c']] } } }), [
      { path: 'Statement[0].Condition.StringEquals["aws:PrincipalTag/team"]', code: 'INVALID_TYPE' },
      { path: 'Statement[0].Condition.StringEquals["aws:x"][1]', code: 'INVALID_TYPE' },
      { path: 'Statement[0].Condition.StringEquals["aws:x"][2]', code: 'INVALID_TYPE' }]],
    ['empty condition value list and empty key', doc({ ...allow, Condition: { StringEquals: { 'aws:x': [], '': 'y' } } }), [
      { path: 'Statement[0].Condition.StringEquals["aws:x"]', code: 'EMPTY_VALUE' },
      { path: 'Statement[0].Condition.StringEquals[""]', code: 'EMPTY_VALUE' }]],
    ['problems in several statements are all reported', doc({ Effect: 'Permit', Action: 'x' }, allow, { Action: '*', Resource: 'bucket' }), [
      { path: 'Statement[0].Effect', code: 'INVALID_EFFECT' }, { path: 'Statement[0].Action', code: 'INVALID_ACTION' },
      { path: 'Statement[2].Effect', code: 'MISSING_ELEMENT' }, { path: 'Statement[2].Resource', code: 'INVALID_RESOURCE' }]],
  ])('%s', (_name, input, want) => expect(problems(input)).toEqual(want));

  it('explains an invalid Effect in words', () => {
    const r = parsePolicy(doc({ ...allow, Effect: 'Permit' }));
    expect(r.ok ? [] : r.error).toEqual([{ path: 'Statement[0].Effect', code: 'INVALID_EFFECT', message: 'expected "Allow" or "Deny", got "Permit"' }]);
  });

  it('returns a problem instead of throwing on a throwing getter', () => {
    const evil = Object.defineProperty({}, 'Statement', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(problems(evil)).toEqual([{ path: '$', code: 'INVALID_TYPE' }]);
  });
});
