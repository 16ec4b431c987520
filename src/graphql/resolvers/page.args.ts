import 'reflect-metadata';
import { ArgsType, Field, Int } from 'type-graphql';

/** Default page size of every connection. */
export const DEFAULT_PAGE = 50;

/** GraphQL arguments of a connection: forward pagination (Relay `first`/`after`). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE, description: 'At most this many nodes (0–500).' })
  readonly first!: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  readonly after?: string | null;
}

/** GraphQL arguments of an entity connection: a page, optionally only keys starting with `prefix`. */
@ArgsType()
export class EntityPageArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only entities whose key (id or ARN) starts with this text.' })
  readonly prefix?: string | null;
}
