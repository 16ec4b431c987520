import { describe, expect, it } from 'vitest';
import { compileResourceMatcher } from '../../../../src/core/match/resource.js';
import { MapContext } from '../../../../src/core/request/context.js';
import type { ContextInput } from '../../../../src/core/request/types.js';

const matches = (patterns: string[], resource: string, context: ContextInput = {}, variablesEnabled = true): boolean =>
  compileResourceMatcher(patterns, variablesEnabled)(resource, new MapContext(context));

const B = 'arn:aws:s3:::bucket';

// IAM User Guide, "IAM JSON policy elements: Resource": case-sensitive; `*` spans `:` and `/`.
describe('static resource patterns', () => {
  it.each<[string[], string, boolean]>([
    [[`${B}/key`], `${B}/key`, true],
    [[`${B}/key`], `${B}/Key`, false], // case-sensitive
    [[`${B}/KEY`], `${B}/key`, false],
    [['arn:aws:s3:::Bucket/*'], `${B}/k`, false],
    [[`${B}/*`], `${B}/a/b/c`, true], // * spans /
    [[`${B}/*`], `${B}/`, true],
    [[`${B}/*`], B, false],
    [[`${B}*`], `${B}/a`, true],
    [[`${B}*`], `${B}-logs/a`, true],
    [['arn:aws:s3:::*'], `${B}/k`, true],
    [['arn:aws:*'], 'arn:aws:iam::111122223333:role/R', true], // * spans :
    [['arn:aws:iam::*:role/R'], 'arn:aws:iam::111122223333:role/R', true],
    [['arn:aws:iam::*:role/R'], 'arn:aws:iam::111122223333:role/path/R', false],
    [['arn:aws:iam::111122223333:role/*/R'], 'arn:aws:iam::111122223333:role/a/b/R', true],
    [['arn:aws:ec2:*:*:instance/*'], 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    [['arn:aws:ec2:*:*:instance/*'], 'arn:aws:ec2:us-east-1:111122223333:volume/v-1', false],
    [[`${B}/?`], `${B}/a`, true],
    [[`${B}/?`], `${B}/ab`, false],
    [[`${B}/?`], `${B}/`, false],
    [[`${B}/a.txt`], `${B}/abtxt`, false], // regex characters are literal
    [[`${B}/(a|b)`], `${B}/a`, false],
    [['*'], 'anything', true],
    [['*'], '*', true],
    [[`${B}/x`, `${B}/y`], `${B}/y`, true], // ORed
    [[`${B}/x`, `${B}/y`], `${B}/z`, false],
    [[], `${B}/x`, false],
  ])('%j vs %s → %s', (patterns, resource, want) => expect(matches(patterns, resource)).toBe(want));
});

// IAM User Guide, "IAM policy elements: Variables and tags".
describe('resource patterns with policy variables', () => {
  it.each<[string[], string, ContextInput, boolean]>([
    [[`${B}/home/\${aws:username}/*`], `${B}/home/alice/doc`, { 'aws:username': 'alice' }, true],
    [[`${B}/home/\${aws:username}/*`], `${B}/home/bob/doc`, { 'aws:username': 'alice' }, false],
    [[`${B}/home/\${aws:username}/*`], `${B}/home/Alice/doc`, { 'aws:username': 'alice' }, false], // values case-sensitive
    [[`${B}/home/\${AWS:UserName}/*`], `${B}/home/alice/doc`, { 'aws:username': 'alice' }, true], // key names are not
    [[`${B}/home/\${aws:username}/*`], `${B}/home/alice/doc`, { 'AWS:USERNAME': 'alice' }, true],
    [[`${B}/\${aws:username}`], `${B}/alice`, { 'aws:username': 'alice' }, true],
    [[`${B}/\${aws:username}`], `${B}/alice2`, { 'aws:username': 'alice' }, false],
    // the substituted value matches only literally
    [[`${B}/\${aws:username}`], `${B}/a*`, { 'aws:username': 'a*' }, true],
    [[`${B}/\${aws:username}`], `${B}/abc`, { 'aws:username': 'a*' }, false],
    [[`${B}/\${aws:username}`], `${B}/ab`, { 'aws:username': 'a?' }, false],
    [[`${B}/\${aws:username}/*`], `${B}/a?/x`, { 'aws:username': 'a?' }, true],
    [[`${B}/\${aws:username}`], `${B}/a.c`, { 'aws:username': 'a.c' }, true],
    [[`${B}/\${aws:username}`], `${B}/abc`, { 'aws:username': 'a.c' }, false],
    // an unresolvable variable: the pattern matches nothing, not even "*"-like resources
    [[`${B}/\${aws:username}`], `${B}/`, {}, false],
    [[`\${aws:username}*`], 'anything', {}, false],
    [[`${B}/\${aws:username}`], `${B}/a`, { 'aws:username': ['a', 'b'] }, false], // multi-valued
    [[`${B}/\${missing}`, `${B}/x`], `${B}/x`, {}, true], // the other patterns still match
    // defaults
    [[`${B}/\${aws:username, 'guest'}/*`], `${B}/guest/x`, {}, true],
    [[`${B}/\${aws:username, 'guest'}/*`], `${B}/alice/x`, { 'aws:username': 'alice' }, true],
    [[`${B}/\${aws:username, 'guest'}/*`], `${B}/guest/x`, { 'aws:username': 'alice' }, false],
    [[`${B}/\${aws:username,'g*'}`], `${B}/gx`, {}, false], // the default is literal too
    [[`${B}/\${aws:username,'g*'}`], `${B}/g*`, {}, true],
    // literal characters
    [[`${B}/a\${*}b`], `${B}/a*b`, {}, true],
    [[`${B}/a\${*}b`], `${B}/axb`, {}, false],
    [[`${B}/a\${?}`], `${B}/a?`, {}, true],
    [[`${B}/a\${?}`], `${B}/ab`, {}, false],
    [[`${B}/\${$}HOME`], `${B}/$HOME`, {}, true],
    [[`${B}/\${*}/*`], `${B}/*/x`, {}, true], // text outside variables keeps its wildcards
    // tags and several variables
    [[`arn:aws:s3:::\${aws:PrincipalTag/team}-data/*`], 'arn:aws:s3:::blue-data/k', { 'aws:PrincipalTag/team': 'blue' }, true],
    [[`arn:aws:s3:::\${aws:PrincipalTag/team}-data/*`], 'arn:aws:s3:::red-data/k', { 'aws:PrincipalTag/team': 'blue' }, false],
    [[`arn:aws:iam::\${aws:PrincipalAccount}:user/\${aws:username}`], 'arn:aws:iam::111122223333:user/alice',
      { 'aws:PrincipalAccount': '111122223333', 'aws:username': 'alice' }, true],
    [[`arn:aws:iam::\${aws:PrincipalAccount}:user/\${aws:username}`], 'arn:aws:iam::111122223333:user/alice',
      { 'aws:username': 'alice' }, false],
  ])('%j vs %s with %j → %s', (patterns, resource, context, want) => expect(matches(patterns, resource, context)).toBe(want));
});

// Variables exist only under Version 2012-10-17; otherwise `${...}` is plain text.
describe('resource patterns with variables disabled', () => {
  it.each<[string[], string, ContextInput, boolean]>([
    [[`${B}/\${aws:username}`], `${B}/alice`, { 'aws:username': 'alice' }, false],
    [[`${B}/\${aws:username}`], `${B}/\${aws:username}`, { 'aws:username': 'alice' }, true],
    [[`${B}/\${aws:username}`], `${B}/\${aws:username}`, {}, true],
    [[`${B}/\${*}`], `${B}/\${*}`, {}, true],
    [[`${B}/\${*}`], `${B}/*`, {}, false],
    [[`${B}/\${?}*`], `${B}/\${x}yz`, {}, true], // `*` and `?` stay wildcards
  ])('%j vs %s with %j → %s', (patterns, resource, context, want) => expect(matches(patterns, resource, context, false)).toBe(want));
});
