import 'reflect-metadata';
import { Field, InputType } from 'type-graphql';
import type { DeltaKind, DiffFilter } from '../../service/access.js';
import { DeltaKindEnum } from './access-enums.js';

const GLOBS = 'IAM globs (`*`, `?`); any of them matches.';

/** GraphQL `DiffFilterInput`: every field optional, fields combined with AND. */
@InputType('DiffFilterInput', { description: `Restricts a diff: every field is optional and fields combine with AND; within a field, ${GLOBS}` })
export class DiffFilterInput implements DiffFilter {
  @Field(() => [String], { nullable: true, description: 'Principal ARNs (`arn:aws:iam::111122223333:role/*`).' })
  readonly principals?: readonly string[];

  @Field(() => [String], { nullable: true, description: '12-digit account ids of the principals.' })
  readonly accounts?: readonly string[];

  @Field(() => [String], { nullable: true, description: 'Service prefixes (`s3`, `iam`).' })
  readonly services?: readonly string[];

  @Field(() => [String], { nullable: true, description: 'Actions (`s3:Get*`).' })
  readonly actions?: readonly string[];

  @Field(() => [String], { nullable: true, description: 'Resource ARNs (`arn:aws:s3:::reports/*`).' })
  readonly resources?: readonly string[];

  @Field(() => [DeltaKindEnum], { nullable: true, description: 'Only these kinds of delta.' })
  readonly kinds?: readonly DeltaKind[];
}
