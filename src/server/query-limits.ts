import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  BREAK,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimitsConfig } from '../config/config';
import type { FactDefinition } from '../shared/facts';
import { RejectedRequestError } from '../shared/errors';
import { Slots } from '../db/read-pool';
import type { Catalog } from '../shared/modules';

/** A scan of a fact table: what one aggregate field costs before its groups. */
export const AGGREGATE_SCAN_COST = 50;
/** Groups cost 1 per this many (estimated) cells. */
const CELLS_PER_COST = 20;
/** Distinct values assumed for a text or integer dimension (entities, nationalities, years). */
const OPEN_DIMENSION_VALUES = 50;

/**
 * Estimated cells of an aggregate grouped by `groupBy`: the product of each dimension's number of
 * values (its enum's size, 2 for a boolean, OPEN_DIMENSION_VALUES otherwise), bounded by what the
 * data layer would return at most (MAX_AGGREGATE_CELLS).
 */
function estimatedCells(
  fact: FactDefinition,
  groupBy: readonly string[],
  maxCells: number,
): number {
  let cells = 1;
  for (const name of groupBy) {
    const type = fact.dimensions[name]?.type;
    cells *=
      type?.kind === 'enum'
        ? Object.keys(type.values).length
        : type?.kind === 'boolean'
          ? 2
          : OPEN_DIMENSION_VALUES;
  }
  return Math.min(cells, maxCells);
}

/**
 * The cost of a field, from what it makes the database do:
 * - an aggregate (a fact field, root or nested, named after its fact) costs a scan plus its
 *   estimated groups, so `workforce(groupBy: [ENTITY, GRADE, NATIONALITY])` costs ~1,000 where
 *   `workforce { headcount }` costs 51;
 * - `first: N` and list arguments (`codes: [...]`) multiply what is below the field;
 * - every other field costs 1; aliases add up, as each is resolved on its own.
 */
function costEstimator(catalog: Catalog, maxCells: number): ComplexityEstimator {
  const facts = new Map(catalog.facts.map((fact) => [fact.name, fact]));
  return ({ field, args, childComplexity }) => {
    const fact = facts.get((field as GraphQLField<unknown, unknown>).name);
    if (fact && Array.isArray(args.groupBy)) {
      const cells = estimatedCells(fact, args.groupBy.map(String), maxCells);
      return AGGREGATE_SCAN_COST + Math.ceil(cells / CELLS_PER_COST) + childComplexity;
    }
    const lists = Object.values(args)
      .filter(Array.isArray)
      .map((list) => list.length);
    const times = Math.max(typeof args.first === 'number' ? args.first : 0, ...lists, 1);
    return times > 1 ? 1 + times * Math.max(childComplexity, 1) : undefined;
  };
}

/** Costs kept per parsed document, per operation name and variables: at most this many each. */
const COSTS_PER_DOCUMENT = 64;

/**
 * Rejects an operation whose estimated cost is over the limit, before anything runs. A cost
 * depends only on the document, the operation and the variables: Apollo hands the same parsed
 * document for the same text, so each is costed once (a walk of the document per request was
 * about 6% of a lookup's CPU).
 */
function costPlugin(
  schema: GraphQLSchema,
  catalog: Catalog,
  limits: QueryLimitsConfig,
  maxCells: number,
): ApolloServerPlugin {
  const estimators = [costEstimator(catalog, maxCells), simpleEstimator({ defaultComplexity: 1 })];
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  /** The operation's cost; null when its variables do not fit their types. */
  const costOf = (
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown> | undefined,
  ): number | null => {
    const key = JSON.stringify([operationName ?? null, variables ?? null]);
    let known = costs.get(document);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    let cost: number | null;
    try {
      cost = getComplexity({ schema, query: document, operationName, variables, estimators });
    } catch (error) {
      // Variables that do not fit their types: execution refuses them (400) before any
      // resolver runs, with GraphQL's own message.
      if (!(error instanceof GraphQLError)) throw error;
      cost = null;
    }
    if (!known) costs.set(document, (known = new Map()));
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    known.set(key, cost);
    return cost;
  };
  // Operations that run at least one aggregate, root or nested (or a page as costly), execute a
  // few at a time: each holds its partial answer until it is sent, and under 32 connections the
  // garbage collector's work on the answers of every request in flight cost more than the
  // requests. (The cost does not tell a nested aggregate: it is one batched scan for all its
  // parents, costed as a field; whether a document names a fact's field is kept per document.)
  const running = new Slots(limits.maxRunningAggregates);
  const factNames = new Set(catalog.facts.map((fact) => fact.name));
  const aggregating = new WeakMap<DocumentNode, boolean>();
  const namesAFact = (document: DocumentNode): boolean => {
    let found = aggregating.get(document);
    if (found === undefined) {
      found = false;
      visit(document, {
        [Kind.FIELD]: (node) => {
          if (factNames.has(node.name.value)) {
            found = true;
            return BREAK;
          }
          return undefined;
        },
      });
      aggregating.set(document, found);
    }
    return found;
  };
  return {
    async requestDidStart() {
      let heavy = false;
      let holding = false;
      return {
        async didResolveOperation({ request, document }) {
          const cost = costOf(document, request.operationName ?? undefined, request.variables);
          if (cost === null) return;
          if (cost > limits.maxComplexity)
            throw new RejectedRequestError(
              limits.exposeLimits
                ? `Query is too complex: cost ${cost}, limit ${limits.maxComplexity}. Ask for fewer or coarser aggregates per request.`
                : 'Query is too complex: ask for fewer or coarser aggregates per request.',
            );
          heavy = cost >= AGGREGATE_SCAN_COST || namesAFact(document);
        },
        // After the response cache had its say: a held answer takes no turn.
        async executionDidStart() {
          if (!heavy) return;
          await running.take();
          holding = true;
        },
        async willSendResponse() {
          if (holding) running.give();
          holding = false;
        },
      };
    },
  };
}

/**
 * Caps on inputs, checked before execution: a list (in a variable or written in the document)
 * holds at most `maxListLength` values, a string at most `maxStringLength` characters, so an
 * oversized input never reaches the database and is never echoed back.
 */
function inputSizePlugin(limits: QueryLimitsConfig): ApolloServerPlugin {
  const tooLong = (what: string) =>
    new RejectedRequestError(
      limits.exposeLimits
        ? `${what}: lists hold at most ${limits.maxListLength} values and strings at most ${limits.maxStringLength} characters.`
        : `${what}: an input is too large.`,
    );
  const check = (value: unknown, where: string): void => {
    if (typeof value === 'string' && value.length > limits.maxStringLength) throw tooLong(where);
    if (Array.isArray(value)) {
      if (value.length > limits.maxListLength) throw tooLong(where);
      for (const item of value) check(item, where);
    } else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) check(inner, where);
    }
  };
  // Documents whose written lists and strings were found within the caps (the same text is the
  // same parsed document from Apollo's store): each is walked once.
  const checked = new WeakSet<DocumentNode>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          for (const [name, value] of Object.entries(request.variables ?? {}))
            check(value, `Variable $${name}`);
          if (checked.has(document)) return;
          visit(document, {
            [Kind.LIST]: (node) => {
              if (node.values.length > limits.maxListLength) throw tooLong('A list in the query');
            },
            [Kind.STRING]: (node) => {
              if (node.value.length > limits.maxStringLength)
                throw tooLong('A string in the query');
            },
          });
          checked.add(document);
        },
      };
    },
  };
}

/**
 * Every limit on a GraphQL operation, configured in one place (QueryLimitsConfig) and enforced
 * before execution: document size and tokens (Apollo's parser), aliases, depth (fragments
 * flattened, cycles handled) and directives (GraphQL Armor's rules), cost (graphql-query-
 * complexity with the estimator above) and input sizes. Rejections are 400 BAD_USER_INPUT; in
 * production the messages do not state the limits.
 */
export function queryLimits(
  schema: GraphQLSchema,
  catalog: Catalog,
  limits: QueryLimitsConfig,
  maxCells: number,
): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; maxTokens: number } {
  const armor = new ApolloArmor({
    maxAliases: { n: limits.maxAliases, exposeLimits: limits.exposeLimits },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, exposeLimits: limits.exposeLimits },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: limits.exposeLimits },
    // Apollo's own parser counts tokens (parseOptions); cost is estimated below, suggestions are
    // removed by the error formatter.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: [
      ...armor.plugins,
      costPlugin(schema, catalog, limits, maxCells),
      inputSizePlugin(limits),
    ],
    validationRules: armor.validationRules,
    maxTokens: limits.maxTokens,
  };
}
