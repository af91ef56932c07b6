import type { FactDefinition } from '../../src/shared/facts/aggregate.definition';
import type { Principal } from '../../src/shared/auth/principal';
import { MAX_NOISE } from '../../src/shared/disclosure/perturbation';
import type { Harness } from './harness';

/**
 * Attackers that average: through the API only, each gathers many different answers that all
 * differ from one another by the people of one small cell, and averages their differences.
 *
 * - `supersetAttack`: P(X ∪ W) − P(W) for many random value lists W of other entities (the
 *   analyst's lists, and every role's on the survey).
 * - `routeAttack`: every route a role's shape rules allow to a cell (a, b) of a grouping A × B:
 *   the cell itself; within every context (no filter, or one value of another dimension), and
 *   every partition by a third dimension C (or none), Σ_c [p(a, c) − Σ_b′ p(a, b′, c)] and
 *   Σ_c p(a, b, c); the coarser margin minus its siblings. It averages the routes whose cells it
 *   could all see, weighted by the inverse of their number of cells.
 *
 * Both are scored against the guesser who always answers the most common small value (1..t-1),
 * over all targets and over the targets the attacker had an estimate for.
 */

/** A cell of an answer, by field. */
type Cell = Record<string, unknown>;

export interface Score {
  name: string;
  targets: number;
  /** Targets whose true value the attacker's estimate hit. */
  attackerHits: number;
  /** Hits of the guesser who always says the most common small value. */
  guesserHits: number;
  /** Targets the attacker had an estimate for, and the two scores over them. */
  answered: number;
  attackerHitsAnswered: number;
  guesserHitsAnswered: number;
  queries: number;
}

/** A value as a GraphQL literal for a dimension's filter (enum names unquoted). */
function literal(fact: FactDefinition, dimension: string, value: unknown): string {
  const type = fact.dimensions[dimension].type.kind;
  return type === 'enum' || type === 'int' || type === 'boolean'
    ? String(value)
    : JSON.stringify(String(value));
}

/** `filter: { ... }` for single values or lists per dimension (a flag takes one Boolean). */
export function filterArgument(
  fact: FactDefinition,
  conditions: Readonly<Record<string, readonly unknown[]>>,
): string {
  const parts = Object.entries(conditions).map(([dimension, values]) => {
    const definition = fact.dimensions[dimension];
    if (!definition.filter) throw new Error(`${dimension} cannot be filtered`);
    if (definition.type.kind === 'boolean')
      return `${definition.filter}: ${String(values[0] === true || values[0] === 'true')}`;
    return `${definition.filter}: [${values.map((v) => literal(fact, dimension, v)).join(', ')}]`;
  });
  return parts.length > 0 ? `filter: { ${parts.join(', ')} }` : '';
}

export interface Asker {
  harness: Harness;
  fact: FactDefinition;
  period: number;
  principal?: Principal;
}

/**
 * One aggregate, through GraphQL, as the principal: its cells (an empty list when refused).
 * Several are sent as aliases of one request.
 */
export async function ask(
  asker: Asker,
  requests: readonly {
    groupBy: readonly string[];
    filter?: Readonly<Record<string, readonly unknown[]>>;
    measures: readonly string[];
  }[],
): Promise<(Cell[] | null)[]> {
  const { fact } = asker;
  const fields = requests.map((r, i) => {
    const args = [
      `${fact.periodArgument}: ${asker.period}`,
      r.groupBy.length > 0 ? `groupBy: [${r.groupBy.join(', ')}]` : '',
      filterArgument(fact, r.filter ?? {}),
    ].filter(Boolean);
    const selection = [...r.groupBy.map((d) => fact.dimensions[d].field), ...r.measures].join(' ');
    const body = fact.wrapCells ? `{ cells { ${selection} } }` : `{ ${selection} }`;
    return `q${i}: ${fact.name}(${args.join(', ')}) ${body}`;
  });
  const result = await asker.harness.execute(`{ ${fields.join('\n')} }`, {
    principal: asker.principal,
  });
  return requests.map((_, i) => {
    const data = result.data?.[`q${i}`] as Cell[] | { cells: Cell[] } | null | undefined;
    if (data === null || data === undefined) return null; // refused
    return Array.isArray(data) ? data : data.cells;
  });
}

const keyOf = (fact: FactDefinition, cell: Cell, dimensions: readonly string[]) =>
  dimensions.map((d) => String(cell[fact.dimensions[d].field])).join('|');

/** A seeded generator, so that the attack is the same on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Scores estimates (null: none) of small cells against the mode guesser. */
export function score(
  name: string,
  fact: FactDefinition,
  truths: readonly number[],
  estimates: readonly (number | null)[],
  queries: number,
): Score {
  const counts = new Map<number, number>();
  for (const t of truths) counts.set(t, (counts.get(t) ?? 0) + 1);
  const mode = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
  const result: Score = {
    name,
    targets: truths.length,
    attackerHits: 0,
    guesserHits: 0,
    answered: 0,
    attackerHitsAnswered: 0,
    guesserHitsAnswered: 0,
    queries,
  };
  truths.forEach((truth, i) => {
    const estimate = estimates[i];
    const guess =
      estimate === null
        ? mode
        : Math.min(fact.threshold - 1 + MAX_NOISE, Math.max(0, Math.round(estimate)));
    const hit = guess === truth ? 1 : 0;
    const guesser = mode === truth ? 1 : 0;
    result.attackerHits += hit;
    result.guesserHits += guesser;
    if (estimate !== null) {
      result.answered += 1;
      result.attackerHitsAnswered += hit;
      result.guesserHitsAnswered += guesser;
    }
  });
  return result;
}

export interface Target {
  /** Value of the listed dimension (the entity) and of the other grouped one. */
  a: string;
  b: string;
  truth: number;
}

/**
 * P(X ∪ W) − P(W), X the target cell, W a random list of `size` other values of A, for
 * `supersets` different lists; the mean of the differences is the estimate.
 */
/** What both attacks are told: a name, the grouping A × B, the measure and the small cells. */
interface AttackPlan {
  name: string;
  grouping: readonly [string, string];
  measure: string;
  targets: readonly Target[];
}

export async function supersetAttack(
  asker: Asker,
  options: AttackPlan & {
    /** Values of A to draw W from. */
    others: readonly string[];
    supersets: number;
    seed: number;
  },
): Promise<{ score: Score; estimates: (number | null)[] }> {
  const [A, B] = options.grouping;
  const next = random(options.seed);
  let queries = 0;
  const estimates: (number | null)[] = [];
  for (const target of options.targets) {
    const pool = options.others.filter((v) => v !== target.a);
    const requests = [];
    for (let s = 0; s < options.supersets; s++) {
      const size = 3 + Math.floor(next() * 8);
      const w = new Set<string>();
      while (w.size < Math.min(size, pool.length)) w.add(pool[Math.floor(next() * pool.length)]);
      for (const list of [[target.a, ...w], [...w]])
        requests.push({
          groupBy: [],
          filter: { [A]: list, [B]: [target.b] },
          measures: [options.measure],
        });
    }
    const differences: number[] = [];
    // MAX_ALIASES permits 30 aliases a request.
    for (let i = 0; i < requests.length; i += 30) {
      const answers = await ask(asker, requests.slice(i, i + 30));
      queries += answers.length;
      for (let j = 0; j + 1 < answers.length; j += 2) {
        const value = (cells: Cell[] | null) => {
          const v = cells?.[0]?.[options.measure];
          return typeof v === 'number' ? v : 0;
        };
        if (answers[j] === null || answers[j + 1] === null) continue;
        differences.push(value(answers[j]) - value(answers[j + 1]));
      }
    }
    estimates.push(
      differences.length > 0 ? differences.reduce((s, d) => s + d, 0) / differences.length : null,
    );
  }
  return {
    score: score(
      options.name,
      asker.fact,
      options.targets.map((t) => t.truth),
      estimates,
      queries,
    ),
    estimates,
  };
}

/** A route's estimate and the number of perturbed cells it adds up. */
interface Route {
  estimate: number;
  cells: number;
}

/**
 * Every route the shape rules leave to the cells (a, b) of A × B, gathered over contexts and
 * partitions, for all targets at once (each query groups by A, so it covers every a).
 */
export async function routeAttack(
  asker: Asker,
  options: AttackPlan & {
    /** Values of B (public reference: genders, grade categories). */
    bValues: readonly string[];
    /** Partitioning dimensions C with their values. */
    partitions: Readonly<Record<string, readonly string[]>>;
    /** Context dimensions with their values: each value is a filter of its own. */
    contexts: Readonly<Record<string, readonly string[]>>;
    /** A coarser dimension of A and which parent each value of A has. */
    parent?: { dimension: string; of: ReadonlyMap<string, string> };
  },
): Promise<Score> {
  const [A, B] = options.grouping;
  const { fact } = asker;
  const routes = new Map<string, Route[]>(options.targets.map((t) => [`${t.a}|${t.b}`, []]));
  let queries = 0;
  const contexts: Record<string, unknown>[] = [{}];
  for (const [dimension, values] of Object.entries(options.contexts))
    if (dimension !== A && dimension !== B)
      for (const value of values) contexts.push({ [dimension]: [value] });
  const partitions: [string | null, readonly string[]][] = [
    [null, ['']],
    ...Object.entries(options.partitions).filter(([c]) => c !== A && c !== B),
  ];
  const value = (cells: Cell[] | null, key: string, dims: readonly string[]): number | null => {
    const cell = cells?.find((c) => keyOf(fact, c, dims) === key);
    const v = cell?.[options.measure];
    return typeof v === 'number' ? v : null;
  };
  for (const context of contexts) {
    const filter = context as Record<string, readonly unknown[]>;
    for (const [C, cValues] of partitions) {
      if (C && C in filter) continue;
      const withC = (dims: string[]) => (C ? [...dims, C] : dims);
      const [margin, cells] = await ask(asker, [
        { groupBy: withC([A]), filter, measures: [options.measure] },
        { groupBy: withC([A, B]), filter, measures: [options.measure] },
      ]);
      queries += 2;
      if (margin === null || cells === null) continue;
      for (const target of options.targets) {
        const list = routes.get(`${target.a}|${target.b}`);
        if (!list) continue;
        // Σ_c [p(a, c) − Σ_b′ p(a, b′, c)]
        let complement = 0;
        let complementCells = 0;
        let complementOk = true;
        // Σ_c p(a, b, c)
        let direct = 0;
        let directOk = true;
        for (const c of cValues) {
          const suffix = C ? `|${c}` : '';
          const m = value(margin, `${target.a}${suffix}`, withC([A]));
          if (m === null) complementOk = false;
          else complement += m;
          complementCells += 1;
          for (const b of options.bValues) {
            const v = value(cells, `${target.a}|${b}${suffix}`, withC([A, B]));
            if (b === target.b) {
              if (v === null) directOk = false;
              else direct += v;
              continue;
            }
            if (v === null) complementOk = false;
            else complement -= v;
            complementCells += 1;
          }
        }
        if (complementOk) list.push({ estimate: complement, cells: complementCells });
        if (directOk) list.push({ estimate: direct, cells: cValues.length });
      }
    }
  }
  if (options.parent) {
    const P = options.parent.dimension;
    const [byParent, cells] = await ask(asker, [
      { groupBy: [P, B], measures: [options.measure] },
      { groupBy: [A, B], measures: [options.measure] },
    ]);
    queries += 2;
    for (const target of options.targets) {
      const parent = options.parent.of.get(target.a);
      const list = routes.get(`${target.a}|${target.b}`);
      if (!parent || !list || !byParent || !cells) continue;
      let estimate = value(byParent, `${parent}|${target.b}`, [P, B]);
      let count = 1;
      for (const [sibling, p] of options.parent.of) {
        if (p !== parent || sibling === target.a || estimate === null) continue;
        const v = value(cells, `${sibling}|${target.b}`, [A, B]);
        estimate = v === null ? null : estimate - v;
        count += 1;
      }
      if (estimate !== null) list.push({ estimate, cells: count });
    }
  }
  const estimates = options.targets.map((target) => {
    const list = routes.get(`${target.a}|${target.b}`) ?? [];
    if (list.length === 0) return null;
    const total = list.reduce((s, r) => s + 1 / r.cells, 0);
    return list.reduce((s, r) => s + r.estimate / r.cells, 0) / total;
  });
  return score(
    options.name,
    fact,
    options.targets.map((t) => t.truth),
    estimates,
    queries,
  );
}

/** Groupings the utility measurement reads (workforce, 2021). */
export const UTILITY_GROUPINGS: readonly (readonly string[])[] = [
  ['ENTITY', 'GENDER'],
  ['ENTITY', 'GRADE_CATEGORY'],
  ['ENTITY', 'AGE_BAND'],
  ['ENTITY', 'GRADE'],
  ['DUTY_STATION', 'GENDER'],
  ['ENTITY', 'NATIONALITY_REGION'],
];

/**
 * What disclosure control leaves analysts: of the cells with a true count of 20 or more (as the
 * hr role sees them), how many the principal is shown within ±2 or 5% (a hidden one counts as a
 * miss), per grouping.
 */
export async function utility(
  harness: Harness,
  fact: FactDefinition,
  measure: string,
  period: number,
  principal: Principal | undefined,
  exact: Principal,
): Promise<{ grouping: string; large: number; close: number }[]> {
  const results = [];
  for (const grouping of UTILITY_GROUPINGS) {
    const key = (c: Cell) => keyOf(fact, c, grouping);
    const request = [{ groupBy: grouping, measures: [measure] }];
    const [truth] = await ask({ harness, fact, period, principal: exact }, request);
    const [seen] = await ask({ harness, fact, period, principal }, request);
    const shown = new Map((seen ?? []).map((c) => [key(c), Number(c[measure])]));
    let large = 0;
    let close = 0;
    for (const cell of truth ?? []) {
      const n = Number(cell[measure]);
      if (n < 20) continue;
      large += 1;
      const value = shown.get(key(cell));
      if (value !== undefined && Math.abs(value - n) <= Math.max(2, 0.05 * n)) close += 1;
    }
    results.push({ grouping: grouping.join(' × '), large, close });
  }
  return results;
}
