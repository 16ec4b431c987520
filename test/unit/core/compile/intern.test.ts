import { describe, expect, it } from 'vitest';
import { compilePolicy, parsePolicy, type PolicyDocument } from '../../../../src/core/index.js';
import { internTable } from '../../../../src/core/compile/intern.js';
import { compileActionMatcher } from '../../../../src/core/match/action.js';
import { compileResourceMatcher } from '../../../../src/core/match/resource.js';
import { MapContext } from '../../../../src/core/request/context.js';

const parsed = (json: unknown): PolicyDocument => {
  const result = parsePolicy(json);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};
const statement = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: 'arn:aws:s3:::reports/*/q?.csv',
  Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } }, ...extra,
});

describe('compiled parts shared between statements written the same way', () => {
  it('two policies repeating a statement share its matchers and condition, each keeping its own sid and index', () => {
    const a = compilePolicy('a', parsed({ Version: '2012-10-17', Statement: [statement({ Sid: 'One' })] }));
    const b = compilePolicy('b', parsed({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }, statement({ Sid: 'Two' })] }));
    const [sa, sb] = [a.statements[0]!, b.statements[1]!];
    expect(sb.matchAction).toBe(sa.matchAction);
    expect(sb.matchResource).toBe(sa.matchResource);
    expect(sb.condition).toBe(sa.condition);
    expect([sa.sid, sa.index, sb.sid, sb.index]).toEqual(['One', 0, 'Two', 1]);
  });

  it('a condition key spelled differently is its own compiled block, so traces report each spelling', () => {
    const lower = compilePolicy('l', parsed({ Version: '2012-10-17', Statement: [statement({ Condition: { StringEquals: { 'aws:principaltag/team': 'red' } } })] }));
    const upper = compilePolicy('u', parsed({ Version: '2012-10-17', Statement: [statement()] }));
    expect(lower.statements[0]!.condition).not.toBe(upper.statements[0]!.condition);
    expect(lower.statements[0]!.condition.keys).toEqual(['aws:principaltag/team']);
    expect(upper.statements[0]!.condition.keys).toEqual(['aws:PrincipalTag/team']);
  });

  it('the variable setting is part of the key: ${...} is a variable only in 2012-10-17 documents', () => {
    const ctx = new MapContext({ 'aws:username': 'bob' });
    const withVars = compileResourceMatcher(['arn:aws:s3:::home/${aws:username}'], true);
    const literal = compileResourceMatcher(['arn:aws:s3:::home/${aws:username}'], false);
    expect(withVars).not.toBe(literal);
    expect(withVars('arn:aws:s3:::home/bob', ctx)).toBe(true);
    expect(literal('arn:aws:s3:::home/bob', ctx)).toBe(false);
    expect(literal('arn:aws:s3:::home/${aws:username}', ctx)).toBe(true);
  });

  it('lists that join to the same text are different keys', () => {
    expect(compileActionMatcher([])('')).toBe(false);
    expect(compileActionMatcher([''])('')).toBe(true);
    expect(compileActionMatcher(['a', 'b'])('a')).toBe(true);
    expect(compileActionMatcher(['a\nb'])('a')).toBe(false);
  });
});

describe('internTable', () => {
  it('builds each key once, and starts over when full', () => {
    let builds = 0;
    const table = internTable<{ n: number }>(2);
    const build = () => ({ n: ++builds });
    const a = table('a', build);
    expect(table('a', build)).toBe(a);
    table('b', build);
    table('c', build); // full: the table starts over, keeping only c
    expect(table('a', build)).not.toBe(a);
    expect(builds).toBe(4);
  });
});
