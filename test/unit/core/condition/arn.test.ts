import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { splitArn } from '../../../../src/core/condition/operators/arn.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 'aws:SourceArn';
const TOPIC = 'arn:aws:sns:eu-west-1:210987654321:orders-events';
const check = (operator: string, values: string[], request: string | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", ARN condition operators.
describe('ARN operators', () => {
  it.each([
    ['ArnEquals', [TOPIC], TOPIC, true],
    ['ArnEquals', [TOPIC], 'arn:aws:sns:eu-west-1:210987654321:orders-audit', false],
    ['ArnEquals', ['arn:aws:sns:*:210987654321:orders-*'], TOPIC, true], // ArnEquals takes wildcards too
    ['ArnLike', ['arn:aws:sns:eu-west-1:210987654321:orders-*'], 'arn:aws:sns:eu-west-1:210987654321:orders-audit', true],
    ['ArnLike', ['arn:aws:sns:eu-west-1:*:orders-events'], 'arn:aws:sns:eu-west-1:345678901234:orders-events', true],
    ['ArnLike', ['arn:aws:sns:eu-west-?:210987654321:orders-events'], 'arn:aws:sns:eu-west-3:210987654321:orders-events', true],
    ['ArnLike', ['arn:aws:sns:*:210987654321:*'], 'arn:aws:sqs:eu-west-1:210987654321:orders-events', false],
    ['ArnLike', ['arn:aws:sns:*:210987654321:orders-*'], 'arn:aws:sns:eu-west-1:210987654321:Orders-events', false], // case
    ['ArnLike', ['arn:aws:sns:*:orders-events'], TOPIC, false], // a * stays within its part
    // the IAM User Guide's example: StringLike would match, ArnLike does not
    ['ArnLike', ['arn:aws:sns:*:111122223333:finance/*'], 'arn:aws:sns:us-east-2:999999999999:store/abc:111122223333:finance/document.txt', false],
    ['ArnLike', ['arn:aws:iam::444455556666:role/security/*'], 'arn:aws:iam::444455556666:role/security/auditor', true],
    ['ArnLike', ['arn:aws:iam::444455556666:role/security/*'], 'arn:aws:iam::444455556666:role/dev', false],
    ['ArnLike', ['arn:aws:iam::210987654321:role/Trainer*'], 'arn:aws:iam::210987654321:role/TrainerGpu', true],
    ['ArnLike', ['arn:aws:s3:::photo-uploads'], 'arn:aws:s3:::photo-uploads', true],
    ['ArnLike', ['arn:aws:s3:::photo-uploads'], 'arn:aws:s3:::other-uploads', false],
    ['ArnLike', ['arn:aws:lambda:*:*:function:thumb*'], 'arn:aws:lambda:eu-west-1:210987654321:function:thumbnailer', true], // colons in the resource
    ['ArnLike', ['arn:aws:lambda:*:*:function:*'], 'arn:aws:lambda:eu-west-1:210987654321:function:f:PROD', true],
    ['ArnLike', ['billing', TOPIC], TOPIC, true], // values ORed
    ['ArnLike', [TOPIC], 'orders-events', false], // not an ARN
    ['ArnLike', ['*'], TOPIC, false], // fewer than six parts
    ['ArnLike', [TOPIC], undefined, false],
    ['ArnEquals', ['arn:aws:iam::210987654321:role/Scorer'], 'arn:aws:iam::210987654321:role/Scorer', true],
    ['ArnEquals', ['arn:aws:sts::210987654321:assumed-role/Scorer/s1'], 'arn:aws:iam::210987654321:role/Scorer', false],
    ['ArnNotEquals', ['arn:aws:sns:eu-west-1:210987654321:orders-audit'], TOPIC, true],
    ['ArnNotLike', ['arn:aws:sns:*:210987654321:orders-*'], TOPIC, false],
    ['ArnNotLike', ['arn:aws:sns:*:210987654321:orders-*'], undefined, true], // negated on a missing key
    ['ArnNotLike', ['arn:aws:iam::1:role/Trainer*', 'arn:aws:iam::1:role/Admin'], 'arn:aws:iam::1:role/Admin', false],
    ['ArnNotLike', ['arn:aws:iam::1:role/Trainer*', 'arn:aws:iam::1:role/Admin'], 'arn:aws:iam::1:role/Scorer', true],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));

  it.each([
    ['arn:aws:s3:::b/k', ['arn', 'aws', 's3', '', '', 'b/k']],
    ['arn:aws:lambda:r:1:function:f:PROD', ['arn', 'aws', 'lambda', 'r', '1', 'function:f:PROD']],
    ['arn:aws:s3::', undefined],
    ['', undefined],
  ])('splitArn(%j) → %j', (text, want) => expect(splitArn(text)).toEqual(want));
});
