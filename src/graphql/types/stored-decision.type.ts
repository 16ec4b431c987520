import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ErrorCode } from '../../service/errors.js';
import { AuthorizationResult } from './decision.type.js';

/** GraphQL `StoredAuthorizationResult`: `AuthorizationResult` plus the version that answered. */
@ObjectType('StoredAuthorizationResult', { simpleResolvers: true, description: 'A decision against a stored version, with that version.' })
export class StoredAuthorizationResult extends AuthorizationResult {
  @Field(() => Int, { description: 'The version of the organization that answered.' })
  readonly version!: number;
}

/** GraphQL `BatchItemError`: why one item of a batch could not be decided. */
@ObjectType('BatchItemError', { simpleResolvers: true, description: 'Why one item of a batch could not be decided.' })
export class BatchItemError {
  @Field(() => String, { description: 'An error code, as in `extensions.code` (e.g. `NOT_FOUND`, `BAD_REQUEST`).' })
  readonly code!: ErrorCode;

  @Field(() => String)
  readonly message!: string;
}

/** GraphQL `BatchItemResult`: exactly one of `result` and `error` is set. */
@ObjectType('BatchItemResult', { simpleResolvers: true, description: 'One item of a batch: its decision, or the error that kept it from one.' })
export class BatchItemResult {
  @Field(() => Int, { description: 'Position of the request in the batch.' })
  readonly index!: number;

  @Field(() => StoredAuthorizationResult, { nullable: true })
  readonly result!: StoredAuthorizationResult | null;

  @Field(() => BatchItemError, { nullable: true })
  readonly error!: BatchItemError | null;
}
