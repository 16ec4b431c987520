import { describe, expect, it } from 'vitest';
import { parseArn, type Arn } from '../../../../src/core/arn/parse-arn.js';

const arn = (partition: string, service: string, region: string, account: string, resource: string): Arn =>
  ({ partition, service, region, account, resource });

// IAM User Guide, "IAM identifiers": arn:partition:service:region:account-id:resource.
describe('parseArn', () => {
  it.each<[string, Arn]>([
    ['arn:aws:iam::111122223333:user/alice', arn('aws', 'iam', '', '111122223333', 'user/alice')],
    ['arn:aws:iam::111122223333:role/path/to/R', arn('aws', 'iam', '', '111122223333', 'role/path/to/R')],
    ['arn:aws:iam::111122223333:root', arn('aws', 'iam', '', '111122223333', 'root')],
    ['arn:aws:sts::111122223333:assumed-role/R/s', arn('aws', 'sts', '', '111122223333', 'assumed-role/R/s')],
    ['arn:aws:s3:::bucket', arn('aws', 's3', '', '', 'bucket')],
    ['arn:aws:s3:::bucket/a/b:c.txt', arn('aws', 's3', '', '', 'bucket/a/b:c.txt')],
    ['arn:aws:s3:::', arn('aws', 's3', '', '', '')],
    ['arn:aws:ec2:us-east-1:111122223333:instance/i-0abc', arn('aws', 'ec2', 'us-east-1', '111122223333', 'instance/i-0abc')],
    // the resource keeps its own colons
    ['arn:aws:lambda:eu-west-1:111122223333:function:f:PROD', arn('aws', 'lambda', 'eu-west-1', '111122223333', 'function:f:PROD')],
    ['arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:*', arn('aws', 'logs', 'us-east-1', '111122223333', 'log-group:/aws/lambda/f:*')],
    ['arn:aws-cn:iam::111122223333:root', arn('aws-cn', 'iam', '', '111122223333', 'root')],
    ['arn:aws-us-gov:s3:::b', arn('aws-us-gov', 's3', '', '', 'b')],
    // patterns parse too: wildcards are just text here
    ['arn:aws:s3:::*', arn('aws', 's3', '', '', '*')],
    ['arn:*:*:*:*:*', arn('*', '*', '*', '*', '*')],
  ])('%s', (text, want) => expect(parseArn(text)).toEqual(want));

  it.each<[string]>([
    [''],
    ['*'],
    ['111122223333'],
    ['lambda.amazonaws.com'],
    ['arn'],
    ['arn:'],
    ['arn:aws'],
    ['arn:aws:s3'],
    ['arn:aws:s3:'],
    ['arn:aws:s3::'],
    ['arn:aws:iam::111122223333'], // four colons: no resource part
    ['ARN:aws:s3:::bucket'], // the prefix is case-sensitive
    [' arn:aws:s3:::bucket'],
    ['arn::s3:::bucket'], // empty partition
    ['arn:aws::::bucket'], // empty service
    ['urn:aws:s3:::bucket'],
  ])('%j is not an ARN', (text) => expect(parseArn(text)).toBeUndefined());
});
