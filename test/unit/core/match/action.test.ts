import { describe, expect, it } from 'vitest';
import { compileActionMatcher, servicePrefix } from '../../../../src/core/match/action.js';

// IAM User Guide, "IAM JSON policy elements: Action": action names are case-insensitive and take
// `*` and `?` wildcards; a list of actions is ORed.
describe('compileActionMatcher', () => {
  it.each<[string[], string, boolean]>([
    [['s3:GetObject'], 's3:GetObject', true],
    [['s3:GetObject'], 'S3:GETOBJECT', true],
    [['S3:getobject'], 's3:GetObject', true],
    [['s3:GetObject'], 's3:GetObjectAcl', false],
    [['s3:GetObject'], 's3:PutObject', false],
    [['s3:Get*'], 's3:GetObject', true],
    [['S3:get*'], 's3:GetObject', true],
    [['s3:get*'], 'S3:GETBUCKETPOLICY', true],
    [['s3:Get*'], 's3:PutObject', false],
    [['s3:Get?'], 's3:GetObject', false],
    [['s3:Get?bject'], 's3:GetObject', true],
    [['s3:Get?bject'], 's3:Getbject', false],
    [['s3:*'], 's3:ListBucket', true],
    [['s3:*'], 's3express:CreateSession', false], // the prefix includes the colon
    [['s3*'], 's3express:CreateSession', true],
    [['*'], 'iam:CreateUser', true],
    [['*'], '', true],
    [['*:*'], 'ec2:RunInstances', true],
    [['iam:*User'], 'iam:CreateUser', true],
    [['iam:*User'], 'iam:CreateUserPolicy', false],
    [['iam:*User*'], 'iam:CreateUserPolicy', true],
    [['iam:*Access*Key*'], 'iam:UpdateAccessKey', true],
    [['ec2:*Instances'], 'EC2:DESCRIBEINSTANCES', true],
    [['ec2:Describe*', 's3:Get*'], 's3:GetObject', true], // ORed
    [['ec2:Describe*', 's3:Get*'], 'ec2:DescribeVpcs', true],
    [['ec2:Describe*', 's3:Get*'], 'iam:GetUser', false],
    [['s3:GetObject', 's3:PutObject'], 'S3:PUTOBJECT', true],
    [[], 's3:GetObject', false], // an empty list matches nothing
    [['s3.Get'], 's3:Get', false], // `.` is literal
    [['s3:Get.*'], 's3:GetObject', false],
    [['s3:(Get|Put)Object'], 's3:GetObject', false],
  ])('%j vs %s → %s', (patterns, action, want) => expect(compileActionMatcher(patterns)(action)).toBe(want));
});

describe('servicePrefix', () => {
  it.each<[string, string]>([
    ['s3:GetObject', 's3'],
    ['S3:GetObject', 's3'],
    ['IAM:CreateUser', 'iam'],
    ['ec2:*', 'ec2'],
    ['*', '*'],
    ['s3', 's3'],
    ['', ''],
    [':x', ''],
    ['a:b:c', 'a'],
  ])('%j → %j', (action, want) => expect(servicePrefix(action)).toBe(want));
});
