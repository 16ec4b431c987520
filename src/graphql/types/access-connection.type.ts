import 'reflect-metadata';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { AccessDelta, DiffStats, DiffSummary, Permission, ServicePermissionCount, WhoCanEntry } from './access.type.js';
import { PageInfo, type Edge } from './connection.js';

const CURSOR = { description: 'Opaque; pass as `after` to continue after this node.' } as const;
const TOTAL = { description: 'Nodes of the whole result, on every page.' } as const;

/** Declares `<Name>Edge` for a node type. */
function edgeType<T extends object>(name: string, node: ClassType<T>): ClassType<Edge<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} and its cursor.` })
  class EdgeType implements Edge<T> {
    @Field(() => String, CURSOR)
    readonly cursor!: string;

    @Field(() => node)
    readonly node!: T;
  }
  return EdgeType;
}

const AccessDeltaEdge = edgeType('AccessDelta', AccessDelta);
const WhoCanEntryEdge = edgeType('WhoCanEntry', WhoCanEntry);
const PermissionEdge = edgeType('Permission', Permission);

/** GraphQL `AccessDiffConnection`: a page of deltas with what describes the whole diff. */
@ObjectType('AccessDiffConnection', { description: 'A page of the deltas of a diff, ordered by principal, kind, first action and resource.' })
export class AccessDiffConnection {
  @Field(() => Int, { description: 'The version diffed from.' })
  readonly from!: number;

  @Field(() => Int, { nullable: true, description: 'The version diffed to; null for uncommitted changes (`diffAccessForChanges`).' })
  readonly to!: number | null;

  @Field(() => [AccessDeltaEdge])
  readonly edges!: readonly Edge<AccessDelta>[];

  @Field(() => PageInfo)
  readonly pageInfo!: PageInfo;

  @Field(() => Int, TOTAL)
  readonly totalCount!: number;

  @Field(() => DiffSummary)
  readonly summary!: DiffSummary;

  @Field(() => DiffStats)
  readonly stats!: DiffStats;

  /** Renders the whole diff as markdown (`markdown`, resolved only when selected). */
  readonly render!: () => string;
}

/** GraphQL `WhoCanConnection`. */
@ObjectType('WhoCanConnection', { description: 'A page of the principals that may perform an action on a resource, ordered by principal.' })
export class WhoCanConnection {
  @Field(() => Int, { description: 'The version that answered.' })
  readonly version!: number;

  @Field(() => [WhoCanEntryEdge])
  readonly edges!: readonly Edge<WhoCanEntry>[];

  @Field(() => PageInfo)
  readonly pageInfo!: PageInfo;

  @Field(() => Int, TOTAL)
  readonly totalCount!: number;

  @Field(() => Boolean, { description: 'The result was cut short at its limit: principals may be missing.' })
  readonly truncated!: boolean;

  @Field(() => Int)
  readonly principalsEvaluated!: number;
}

/** GraphQL `WhatCanConnection`. */
@ObjectType('WhatCanConnection', { description: "A page of a principal's effective permissions, ordered by service." })
export class WhatCanConnection {
  @Field(() => Int, { description: 'The version that answered.' })
  readonly version!: number;

  @Field(() => String)
  readonly principal!: string;

  @Field(() => [PermissionEdge])
  readonly edges!: readonly Edge<Permission>[];

  @Field(() => PageInfo)
  readonly pageInfo!: PageInfo;

  @Field(() => Int, TOTAL)
  readonly totalCount!: number;

  @Field(() => Boolean, { description: 'The result was cut short at its limit: permissions may be missing.' })
  readonly truncated!: boolean;

  @Field(() => [ServicePermissionCount], { description: 'Every service of the whole result, with its number of permissions.' })
  readonly services!: readonly ServicePermissionCount[];
}
