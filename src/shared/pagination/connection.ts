import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Page size; capped by the server (MAX_PAGE_SIZE).',
  })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return rows after this cursor.' })
  after?: string;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted on first read (GraphQL reads it only when selected). */
  readonly totalCount: number | Promise<number>;
}

/** Builds a Relay connection type (`XConnection`, `XEdge`) for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionClass implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node], {
      description: 'The nodes of the edges, for clients that do not need cursors.',
    })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, over all pages.' })
    totalCount!: number | Promise<number>;
  }
  return ConnectionClass;
}

const PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new BadUserInputError('Invalid cursor.', 'after');
  }
  return offset;
}

/** Offset and limit for a page request; `first` defaults to and is capped at maxPageSize. */
export function pageWindow(
  args: ConnectionArgs,
  maxPageSize: number,
): { offset: number; limit: number } {
  if (
    args.first !== undefined &&
    args.first !== null &&
    (args.first < 0 || args.first > maxPageSize)
  ) {
    throw new BadUserInputError(`first must be between 0 and ${maxPageSize}.`, 'first');
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: args.first ?? maxPageSize };
}

/**
 * A page of a connection from `limit + 1` rows at `offset` (the extra row only tells whether a
 * next page exists). `totalCount` is counted only when the query selects it: the field is a getter
 * that runs `count` on first read, so a page that does not ask for it costs one statement.
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  offset: number,
  count: () => Promise<number>,
): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    nodes: page,
    get totalCount() {
      counted ??= count();
      return counted;
    },
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
