import type { FactDefinition } from '../../src/shared/facts/aggregate.definition';
import { Role, type Principal } from '../../src/shared/auth/principal';
import { MAX_NOISE } from '../../src/shared/disclosure/perturbation';
import type { Harness } from './harness';

/**
 * An automated differencing attacker, for any fact: through the API only, as the anonymous
 * public role, it tries to recover the true value of every small cell (true count 1 to
 * threshold-1) of a grouping A × B, with every recipe it can form within a query budget:
 *
 * - the cell itself, and a sub-population measure of the margin that stands for it (`women` of an
 *   entity for the entity × FEMALE cell);
 * - a margin minus the siblings: p(a) − Σ p(a, b′), and p(b) − Σ p(a′, b) (all women minus the
 *   women of the other entities);
 * - a coarser margin minus the siblings under it: p(kind(a), b) − Σ p(a′, b) over a′ of that kind;
 * - partitions into 2-5 parts by a third dimension: Σ_c p(a, b, c);
 * - averaging all the recipes it could form, weighted by their noise.
 *
 * The dimensions' values (entities and their kinds, genders, age bands) are public reference
 * data, read exactly; the truth comes from the hr role. The guesser knows only the threshold: the
 * cell is below it, so it guesses one of 1..threshold-1 (expected share 1/(threshold-1)). The
 * result also gives the share of a guesser who always says 1, the most common small count.
 */
export interface AttackOptions {
  harness: Harness;
  fact: FactDefinition;
  /** The measure that counts the fact's units (`headcount`). */
  unitMeasure: string;
  /** Value of the fact's period argument (`year: 2021`). */
  period: number;
  grouping: readonly [string, string];
  /** Dimensions that split a cell into 2-5 parts. */
  partitions: readonly string[];
  /** A coarser dimension of a grouped one (ENTITY → ENTITY_KIND), for sibling margins. */
  parents?: Readonly<Record<string, string>>;
  /** Measures of a margin cell that stand for a cell of B (GENDER: { FEMALE: 'women' }). */
  subPopulations?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Most queries the attacker may send for this grouping. */
  budget: number;
  /** Leave out the cell itself and the measures standing for it (to test the other recipes). */
  skipDirect?: boolean;
  /** Whom the attacker queries as: the public by default. */
  principal?: Principal;
  /** Read a cell missing from a grouping as empty (true in an exact view, not a protected one). */
  absentIsEmpty?: boolean;
  /**
   * The exact cells of a grouping, keyed as the attacker keys them, where no role gets them from
   * the API (an anonymous fact): the truth, and the public reference data (which entity is of
   * which kind). By default they are read through the API as the hr role.
   */
  exact?: (groupBy: readonly string[]) => Promise<Cells>;
}

interface Recipe {
  estimate: number;
  /** Perturbed cells it adds or subtracts. */
  components: number;
  /** Cells it needed that were hidden (read as 0). */
  hidden: number;
}

export interface AttackResult {
  grouping: string;
  smallCells: number;
  /** Small cells whose true value the attacker's estimate hit (expected value where it guessed). */
  attackerHits: number;
  /** Expected hits of the guesser, who knows only that the cell is below the threshold. */
  guesserHits: number;
  /** Hits of a guesser who always says 1, the most common small count. */
  modeGuesserHits: number;
  /** Small cells for which the attacker had at least one recipe with every cell visible. */
  withRecipe: number;
  queries: number;
  /** Distribution of the true values of the small cells (1..threshold-1). */
  truth: Record<number, number>;
}

const HR: Principal = { role: Role.HR, entityScope: null };
/** Cells of a grouping by the values of its dimensions joined with `|`. */
export type Cells = Map<string, Record<string, unknown>>;

class Refused extends Error {
  constructor(reason: string) {
    super(`attack query refused: ${reason}`);
  }
}

export async function attack(options: AttackOptions): Promise<AttackResult> {
  const { harness, fact, unitMeasure, period, grouping, budget } = options;
  const [A, B] = grouping;
  const field = (dimension: string) => fact.dimensions[dimension].field;
  let queries = 0;

  async function cells(
    groupBy: readonly string[],
    principal: Principal | undefined = options.principal,
  ): Promise<Cells> {
    if (principal !== HR || options.principal === HR) queries += 1;
    if (queries > budget) throw new Error(`attack on ${A} × ${B} exceeded its budget of ${budget}`);
    const measures = [unitMeasure, ...Object.values(options.subPopulations?.[B] ?? {})];
    const fields = [...groupBy.map(field), ...new Set(measures)].join(' ');
    const selection = fact.wrapCells ? `{ cells { ${fields} } }` : `{ ${fields} }`;
    const result = await harness.execute(
      `{ result: ${fact.name}(${fact.periodArgument}: ${period}, groupBy: [${groupBy.join(', ')}]) ${selection} }`,
      { principal },
    );
    if (result.errors) throw new Refused(result.errors[0].message);
    const data = result.data?.result as
      Record<string, unknown>[] | { cells: Record<string, unknown>[] };
    const map: Cells = new Map();
    for (const cell of Array.isArray(data) ? data : data.cells)
      map.set(groupBy.map((d) => String(cell[field(d)])).join('|'), cell);
    return map;
  }
  /** Exact cells: the truth, and public reference data (values of a dimension, parents). */
  const reference = (groupBy: readonly string[]): Promise<Cells> =>
    options.exact ? options.exact(groupBy) : cells(groupBy, HR);
  const value = (map: Cells, key: string, measure = unitMeasure): number | null => {
    const cell = map.get(key);
    const v = cell?.[measure];
    return typeof v === 'number' ? v : null;
  };

  const truth = await reference([A, B]);
  const small = [...truth].filter(([, c]) => {
    const n = Number(c[unitMeasure]);
    return n >= 1 && n < fact.threshold;
  });
  const valuesOf = (map: Cells, position: number) =>
    new Set([...map.keys()].map((k) => k.split('|')[position]));
  const aValues = valuesOf(truth, 0);
  const bValues = valuesOf(truth, 1);

  const ab = await cells([A, B]);
  const a = await cells([A]);
  const b = await cells([B]);
  const parentA = options.parents?.[A];
  const parentOf = new Map<string, string>();
  let parentB: Cells | null = null;
  if (parentA) {
    // Which entity is of which kind is public reference data: read it exactly.
    for (const key of (await reference([A, parentA])).keys()) {
      const [child, parent] = key.split('|');
      parentOf.set(child, parent);
    }
    parentB = await cells([parentA, B]);
  }
  const partitions = new Map<string, Cells>();
  const partitionValues = new Map<string, Set<string>>();
  for (const c of options.partitions) {
    if (c === A || c === B) continue;
    // The values of a partitioning dimension (genders, age bands) are public knowledge.
    partitionValues.set(c, valuesOf(await reference([c]), 0));
    try {
      partitions.set(c, await cells([A, B, c]));
    } catch (error) {
      // A grouping the API refuses (the survey's rollups hold two characteristics at most) gives
      // the attacker nothing; the query still counts against its budget.
      if (!(error instanceof Refused)) throw error;
    }
  }

  let attackerHits = 0;
  let guesserHits = 0;
  let modeGuesserHits = 0;
  let withRecipe = 0;
  const distribution: Record<number, number> = {};
  for (const [key, exact] of small) {
    const trueValue = Number(exact[unitMeasure]);
    distribution[trueValue] = (distribution[trueValue] ?? 0) + 1;
    if (trueValue === 1) modeGuesserHits += 1;
    const [av, bv] = key.split('|');
    const recipes: Recipe[] = [];
    /** A recipe: cells to add and cells to subtract (a hidden one is null, read as 0). */
    const recipe = (plus: (number | null)[], minus: (number | null)[] = []) => {
      if (plus.length === 0 || plus[0] === null) return;
      const all = [...plus, ...minus];
      const total = (xs: (number | null)[]) => xs.reduce<number>((sum, x) => sum + (x ?? 0), 0);
      recipes.push({
        estimate: total(plus) - total(minus),
        components: all.filter((x) => x !== null).length,
        hidden: all.filter((x) => x === null).length,
      });
    };
    const cellsOf = (from: Cells, keys: string[]) => keys.map((k) => value(from, k));
    if (!options.skipDirect) {
      recipe([value(ab, key)]);
      const measure = options.subPopulations?.[B]?.[bv];
      if (measure) recipe([value(a, av, measure)]);
    }
    const others = (values: Set<string>, own: string) => [...values].filter((x) => x !== own);
    recipe(
      [value(a, av)],
      cellsOf(
        ab,
        others(bValues, bv).map((x) => `${av}|${x}`),
      ),
    );
    recipe(
      [value(b, bv)],
      cellsOf(
        ab,
        others(aValues, av).map((x) => `${x}|${bv}`),
      ),
    );
    const parent = parentOf.get(av);
    if (parent && parentB) {
      const siblings = [...parentOf].filter(([x, p]) => p === parent && x !== av);
      recipe(
        [value(parentB, `${parent}|${bv}`)],
        cellsOf(
          ab,
          siblings.map(([x]) => `${x}|${bv}`),
        ),
      );
    }
    for (const [c, parts] of partitions) {
      const values = [...(partitionValues.get(c) ?? [])].map((x) => `${key}|${x}`);
      const found = cellsOf(parts, values);
      // A partition with every part hidden says nothing; one with a visible part is a recipe.
      if (found.some((x) => x !== null))
        recipes.push({
          estimate: found.reduce<number>((sum, x) => sum + (x ?? 0), 0),
          components: found.filter((x) => x !== null).length,
          hidden: found.filter((x) => x === null).length,
        });
    }
    // The attacker combines the recipes whose cells it could all see, weighting each by the
    // inverse of its noise (the number of perturbed cells it adds up); a recipe with a hidden
    // cell is biased by an unknown amount and left out (unless hidden cells are known empty, as
    // in an exact view). It knows a hidden cell is below the threshold once perturbed, so its
    // true value is at most threshold - 1 + MAX_NOISE.
    const used = recipes.filter(
      (r) => r.components > 0 && (r.hidden === 0 || options.absentIsEmpty),
    );
    const guessShare = 1 / (fact.threshold - 1);
    guesserHits += guessShare;
    if (used.length === 0) {
      attackerHits += guessShare; // no estimate: it can only guess as the guesser does
      continue;
    }
    withRecipe += 1;
    const weight = (r: Recipe) => 1 / r.components;
    const total = used.reduce((sum, r) => sum + weight(r), 0);
    const mean = used.reduce((sum, r) => sum + r.estimate * weight(r), 0) / total;
    const guess = Math.min(fact.threshold - 1 + MAX_NOISE, Math.max(0, Math.round(mean)));
    if (guess === trueValue) attackerHits += 1;
  }
  return {
    grouping: `${A} × ${B}`,
    smallCells: small.length,
    attackerHits,
    guesserHits,
    modeGuesserHits,
    withRecipe,
    queries,
    truth: distribution,
  };
}
