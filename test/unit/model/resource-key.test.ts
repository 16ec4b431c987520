import { describe, expect, it } from 'vitest';
import { governingResourceArn, s3BucketOfObject } from '../../../src/model/resource-key.js';

describe('the stored resource that governs a requested ARN', () => {
  it.each([
    ['arn:aws:s3:::reports/2026/q1.csv', 'arn:aws:s3:::reports'],
    ['arn:aws:s3:::reports/', 'arn:aws:s3:::reports'],
    ['arn:aws-cn:s3:::b/a/b/c', 'arn:aws-cn:s3:::b'],
  ])('an S3 object %s is governed by its bucket', (object, bucket) => {
    expect(s3BucketOfObject(object)).toBe(bucket);
    expect(governingResourceArn(object)).toBe(bucket);
  });

  it.each([
    'arn:aws:s3:::reports',
    'arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k',
    'arn:aws:sqs:us-east-1:111122223333:queue/with/slash',
    'arn:aws:iam::111122223333:role/path/app',
    '*',
  ])('%s governs itself', (arn) => {
    expect(s3BucketOfObject(arn)).toBeUndefined();
    expect(governingResourceArn(arn)).toBe(arn);
  });
});
