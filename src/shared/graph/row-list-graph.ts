import { Arg, Args, Authorized, Ctx, Query, Resolver, type ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { ColumnKey } from '../../db/entity-tables';
import { filterConditions, type FactFilter } from '../aggregation';
import type { RowListDefinition } from '../facts';
import { Connection, ConnectionArgs, type ConnectionShape } from '../pagination';
import type { RequestContext } from './context';
import { factGraph } from './fact-graph';

const derived = new WeakMap<object, ClassType>();

/**
 * The resolver of a row list's root field, derived from its declaration (made once): a Relay
 * connection of the entity's rows, filtered with the fact's filter input, within the caller's
 * scope, paged by keyset in the declared order. The roles are checked by `@Authorized()` from
 * the access rule the catalog derives from the declaration.
 */
export function rowListResolver<T extends ObjectLiteral, P extends ColumnKey<T>>(
  list: RowListDefinition<T, P>,
): ClassType {
  const known = derived.get(list);
  if (known) return known;
  const ConnectionType = Connection(list.entity, list.typeName);
  const filterType = factGraph(list.fact).filter;
  const fact = list.includesExcluded ? { ...list.fact, baseWhere: undefined } : list.fact;

  @Resolver()
  class RowListResolver {
    @Authorized()
    @Query(() => ConnectionType, { name: list.name, description: list.description })
    rows(
      @Ctx() ctx: RequestContext,
      @Args() args: ConnectionArgs,
      @Arg('filter', () => filterType, { nullable: true }) filter?: FactFilter,
    ): Promise<ConnectionShape<T>> {
      const where = filterConditions(fact, filter);
      return ctx.data.rows(list.entity, fact, where, list.order, args);
    }
  }
  derived.set(list, RowListResolver);
  return RowListResolver;
}
