import {
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type GraphQLScalarType,
  type SelectionSetNode,
} from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Info,
  FieldResolver,
  Float,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
  type ClassType,
} from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { RequestContext } from './context';
import { flattenCell, filterConditions, periodCondition, type FactFilter } from '../aggregation';
import {
  Disclosure,
  dimensionEntries,
  type DimensionDefinition,
  type DimensionLink,
  type DimensionType,
  type FactDefinition,
  type FlatCell,
} from '../facts';

/** The GraphQL surface of one fact, derived from its definition. */
export interface FactGraph {
  /** `<Type>Cell`: grouped dimensions, measures, disclosure flags, links to dimension objects. */
  cell: ClassType;
  /** `<Type>Filter`: one argument per filterable dimension (lists, booleans, period range). */
  filter: ClassType;
  /** `<Type>Dimension`: what `groupBy` accepts. */
  dimensionEnum: Readonly<Record<string, string>>;
  /** The root field, the nested fields on linked dimension objects and the cell links. */
  resolvers: ClassType[];
}

registerEnumType(Disclosure, {
  name: 'Disclosure',
  description:
    'How a cell is protected: PERTURBED (counts perturbed by cell key, small cells and measures hidden), ' +
    'EXACT (true values, hr and conduct roles), PUBLISHED (true values the Organization publishes).',
});

const graphs = new WeakMap<FactDefinition, FactGraph>();

/**
 * The derived GraphQL types and resolvers of a fact, made once per fact (type-graphql keeps
 * types in a process-wide registry, so a fact's types must not be declared twice).
 */
export function factGraph(fact: FactDefinition): FactGraph {
  let graph = graphs.get(fact);
  if (!graph) {
    graph = buildGraph(fact);
    graphs.set(fact, graph);
  }
  return graph;
}

function buildGraph(fact: FactDefinition): FactGraph {
  const dimensions = dimensionEntries(fact);
  const dimensionEnum = Object.fromEntries(dimensions.map(([key]) => [key, key]));
  registerEnumType(dimensionEnum, {
    name: `${fact.typeName}Dimension`,
    description: `Dimensions a ${fact.name} aggregate can be grouped by.`,
    valuesConfig: Object.fromEntries(
      dimensions.map(([key, d]) => [key, { description: d.description }]),
    ),
  });
  const cell = cellType(fact, dimensions);
  const filter = filterType(fact, dimensions);
  const graph = { cell, filter, dimensionEnum };
  const linked = dimensions.flatMap(([key, d]) => (d.link ? [[key, d, d.link] as const] : []));
  return {
    ...graph,
    resolvers: [
      queryResolver(fact, graph),
      ...linked
        .filter(([key]) => fact.nestedUnder?.includes(key))
        .map(([key, , link]) => nestedResolver(fact, graph, key, link)),
      ...linked.map(([, dimension, link]) => cellLinkResolver(graph, dimension, link)),
    ],
  };
}

function valueType(type: DimensionType): GraphQLScalarType | object {
  switch (type.kind) {
    case 'string':
      return String;
    case 'int':
      return Int;
    case 'boolean':
      return Boolean;
    case 'enum':
      return type.values;
  }
}

function cellType(fact: FactDefinition, dimensions: [string, DimensionDefinition][]): ClassType {
  class Cell {}
  for (const [key, d] of dimensions) {
    Field(() => valueType(d.type), {
      nullable: true,
      description: `${d.description}; null unless grouped by ${key}.`,
    })(Cell.prototype, d.field);
  }
  for (const [name, measure] of Object.entries(fact.measures)) {
    Field(() => (measure.type === 'int' ? Int : Float), {
      nullable: true,
      description: measure.description,
    })(Cell.prototype, name);
  }
  Field(() => Boolean, { description: 'True when disclosure control hid this cell.' })(
    Cell.prototype,
    'suppressed',
  );
  Field(() => String, {
    nullable: true,
    description: 'Why the cell, or some of its measures, are hidden.',
  })(Cell.prototype, 'suppressionReason');
  Field(() => Disclosure, { description: 'How the values of this cell are protected.' })(
    Cell.prototype,
    'disclosure',
  );
  ObjectType(`${fact.typeName}Cell`, {
    // Plain property reads: the root field checked who may read the fact.
    simpleResolvers: true,
    description:
      `One flat row of ${fact.name}: the grouped dimensions (null when not grouped) and the measures. ` +
      'Measures are null where disclosure control hides them; protected groupings leave out the cells they hide.',
  })(Cell);
  return Cell;
}

function filterType(fact: FactDefinition, dimensions: [string, DimensionDefinition][]): ClassType {
  class Filter {}
  for (const [, d] of dimensions) {
    if (d.filter !== null) {
      const single = d.type.kind === 'boolean';
      Field(() => (single ? Boolean : [valueType(d.type)]), {
        nullable: true,
        description: single
          ? `Only rows where this is the value of: ${d.description}.`
          : `Only rows with one of these values of: ${d.description}.`,
      })(Filter.prototype, d.filter);
    }
    if (d.range) {
      Field(() => valueType(d.type), {
        nullable: true,
        description: `First value (inclusive) of: ${d.description}.`,
      })(Filter.prototype, d.range.from);
      Field(() => valueType(d.type), {
        nullable: true,
        description: `Last value (inclusive) of: ${d.description}.`,
      })(Filter.prototype, d.range.to);
    }
  }
  InputType(`${fact.typeName}Filter`, {
    description: `Restricts a ${fact.name} aggregate; lists are OR within a field, AND across fields.`,
  })(Filter);
  return Filter;
}

type GraphTypes = Omit<FactGraph, 'resolvers'>;

function periodNote(fact: FactDefinition): string {
  return fact.kind === 'stock'
    ? `A stock: give \`${fact.periodArgument}\` (or one value in the filter) or group by ${fact.period}; it is never summed across periods.`
    : 'A flow: cells over several periods add up.';
}

/** What a wrapped root field answers: the cells and how they are protected. */
interface WrappedCells {
  cells: FlatCell[];
  threshold: number;
  disclosure: Disclosure;
}

function resultType(fact: FactDefinition, cell: ClassType): ClassType {
  class Result {}
  Field(() => [cell])(Result.prototype, 'cells');
  Field(() => Int, {
    description:
      'Fewest units (after perturbation) a shown cell or measure rests on, for protected roles.',
  })(Result.prototype, 'threshold');
  Field(() => Disclosure, { description: 'How the values are protected for this caller.' })(
    Result.prototype,
    'disclosure',
  );
  ObjectType(`${fact.typeName}Result`, {
    simpleResolvers: true,
    description: `The cells of a ${fact.name} aggregate.`,
  })(Result);
  return Result;
}

function queryResolver(fact: FactDefinition, graph: GraphTypes): ClassType {
  const wrapped = fact.wrapCells ? resultType(fact, graph.cell) : null;
  @Resolver()
  class FactQueryResolver {
    // type-graphql matches resolvers to fields by method name, so each method is named after its field.
    @Authorized()
    @Query(() => wrapped ?? [graph.cell], {
      description: `${fact.description} Flat cells, grouped by the given dimensions. ${periodNote(fact)}`,
    })
    async [fact.name](
      @Ctx() ctx: RequestContext,
      @Info() info: GraphQLResolveInfo,
      @Arg(fact.periodArgument, () => Int, { nullable: true }) period?: number,
      @Arg('filter', () => graph.filter, { nullable: true }) filter?: FactFilter,
      @Arg('groupBy', () => [graph.dimensionEnum], { defaultValue: [] }) groupBy: string[] = [],
    ): Promise<FlatCell[] | WrappedCells> {
      const cells = (
        await ctx.data.aggregate(fact, {
          groupBy,
          where: [...periodCondition(fact, period), ...filterConditions(fact, filter)],
          measures: selectedMeasures(fact, info, wrapped ? 'cells' : undefined),
        })
      ).map(flattenCell);
      if (!wrapped) return cells;
      const disclosure = ctx.data.ledger.disclosureApplied()[fact.name];
      return { cells, threshold: fact.threshold, disclosure };
    }
  }
  return FactQueryResolver;
}

function nestedResolver(
  fact: FactDefinition,
  graph: GraphTypes,
  key: string,
  link: DimensionLink,
): ClassType {
  const stock = fact.kind === 'stock';
  const scope =
    key === fact.entityDimension
      ? ' Null, with a FORBIDDEN error, for an entity outside the caller’s scope.'
      : ' Counts only entities within the caller’s scope.';
  @Resolver(() => link.target())
  class NestedFactResolver {
    @Authorized()
    @FieldResolver(() => graph.cell, {
      nullable: true,
      description:
        `${fact.description} The cell for this ${link.noun}` +
        (stock
          ? ` at \`${fact.periodArgument}\`.`
          : `, in \`${fact.periodArgument}\` or over every period when omitted.`) +
        scope,
    })
    async [fact.name](
      @Root() parent: ObjectLiteral,
      @Ctx() ctx: RequestContext,
      @Info() info: GraphQLResolveInfo,
      @Arg(fact.periodArgument, () => Int, { nullable: !stock }) period?: number,
      @Arg('filter', () => graph.filter, { nullable: true }) filter?: FactFilter,
    ): Promise<FlatCell> {
      // Every parent of a list asks through the same loader: its conditions, measures and
      // memo key are worked out for the first one only.
      const loader = ctx.data.memo.perField(info.fieldNodes, () =>
        ctx.data.aggregateBy(
          fact,
          key,
          [...periodCondition(fact, period), ...filterConditions(fact, filter)],
          { measures: selectedMeasures(fact, info) },
        ),
      );
      return flattenCell(await loader.load(parent[link.key]));
    }
  }
  return NestedFactResolver;
}

function cellLinkResolver(
  graph: GraphTypes,
  dimension: DimensionDefinition,
  link: DimensionLink,
): ClassType {
  @Resolver(() => graph.cell)
  class CellLinkResolver {
    @FieldResolver(() => link.target(), {
      nullable: true,
      description: `The ${link.noun} of this cell, when grouped by it (batched lookup).`,
    })
    [link.field](
      @Root() cell: FlatCell,
      @Ctx() ctx: RequestContext,
    ): Promise<ObjectLiteral | null> | null {
      const value = cell[dimension.field];
      return typeof value === 'string' || typeof value === 'number'
        ? ctx.data.byKey(link.target(), link.key).load(value)
        : null;
    }
  }
  return CellLinkResolver;
}

/**
 * The names of the fields selected under the field being resolved (through fragments), or under
 * its sub-field `within` (`cells` of a wrapped result). Directives are not evaluated: a field
 * under `@skip` still counts, which only computes a measure more.
 */
function selectedFieldNames(info: GraphQLResolveInfo, within?: string): Set<string> {
  const names = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, found: (field: FieldNode) => void): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) found(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, found);
      else collect(info.fragments[selection.name.value]?.selectionSet, found);
    }
  };
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, (field) => {
      if (within === undefined) names.add(field.name.value);
      else if (field.name.value === within)
        collect(field.selectionSet, (inner) => names.add(inner.name.value));
    });
  }
  return names;
}

/**
 * The measures a query selected, which are all the engine computes (and all whose inputs SQL
 * selects); every measure when it selected `suppressionReason`, which names the hidden ones.
 */
export function selectedMeasures<M extends string>(
  fact: FactDefinition<string, M>,
  info: GraphQLResolveInfo,
  within?: string,
): M[] | undefined {
  // Called once per field and request: a nested field under a list of parents works it out in
  // its per-field loader (`RequestMemo.perField`).
  const names = selectedFieldNames(info, within);
  return names.has('suppressionReason')
    ? undefined
    : (Object.keys(fact.measures) as M[]).filter((name) => names.has(name));
}
