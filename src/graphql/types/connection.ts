import 'reflect-metadata';
import { Field, ObjectType, type ClassType } from 'type-graphql';
import { ServiceError } from '../../service/errors.js';

/** GraphQL `PageInfo` (Relay): whether more items follow, and the cursor to continue after. */
@ObjectType('PageInfo', { description: 'Where a page ends (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean)
  readonly hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null on an empty page.' })
  readonly endCursor!: string | null;
}

/** One edge of a connection: a node and its opaque cursor. */
export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/** A page of nodes as every connection type returns it. */
export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;
}

/** An opaque cursor: base64url of the key (an entity key or a version number). */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The key inside a cursor. @throws ServiceError BAD_REQUEST for text no cursor of ours produced. */
export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (cursor === '' || encodeCursor(key) !== cursor) throw new ServiceError('BAD_REQUEST', `invalid cursor "${cursor}"`);
  return key;
}

/** A page as a connection; each node's cursor encodes its key. */
export function toConnection<T>(entries: readonly { readonly key: string; readonly node: T }[], hasNextPage: boolean): Connection<T> {
  const edges = entries.map(({ key, node }) => ({ cursor: encodeCursor(key), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Declares `<Name>Edge` and `<Name>Connection` for a node type. */
export function connectionType<T extends object>(name: string, node: ClassType<T>): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} and its cursor.` })
  class EdgeType implements Edge<T> {
    @Field(() => String, { description: 'Opaque; pass as `after` to continue after this node.' })
    readonly cursor!: string;

    @Field(() => node)
    readonly node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} nodes, ordered by key.` })
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType])
    readonly edges!: readonly EdgeType[];

    @Field(() => PageInfo)
    readonly pageInfo!: PageInfo;
  }
  return ConnectionType;
}
