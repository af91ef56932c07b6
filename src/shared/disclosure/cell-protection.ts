import {
  Disclosure,
  type AggregateCell,
  type CellValues,
  type FactDefinition,
} from '../aggregation/aggregate.definition';
import { mod, perturbCount, perturbMagnitude } from './perturbation';

/** One cell as SQL returns it: true counts, the sums of their units' record keys, magnitudes. */
export interface RawCell {
  dimensions: AggregateCell['dimensions'];
  counts: Readonly<Record<string, number>>;
  /** Sum of record keys per count (only read when perturbing). */
  keys: Readonly<Record<string, number>>;
  magnitudes: Readonly<Record<string, number>>;
}

/**
 * Turns a raw cell into what the caller may see. Exact and published cells pass through. A
 * perturbed cell gets every count perturbed with its own cell key (so `women` of an entity is the
 * same number as the entity's cell in a grouping by gender) and every magnitude with its count's
 * key; measures are computed from those. A cell whose published unit count is under the
 * threshold is suppressed, and so is any measure that rests on a count under it (zero included:
 * "none" and "a few" must look alike, or the gap between them tells).
 */
export function protectCell<M extends string>(
  fact: FactDefinition<string, M>,
  raw: RawCell,
  disclosure: Disclosure,
  /** The measures to compute (every one when omitted); `raw` holds at least their inputs. */
  only?: readonly M[],
): AggregateCell<M> {
  const perturbed = disclosure === Disclosure.PERTURBED;
  // Plain records and one accessor per cell, not per measure: a request protects every cell it
  // returns, and Maps, Sets and closures per measure were a tenth of a nested request's garbage.
  const counts: Record<string, number> = {};
  for (const name in raw.counts) {
    const value = raw.counts[name];
    counts[name] = perturbed ? perturbCount(value, mod(raw.keys[name] ?? 0)) : value;
  }
  const magnitudes: Record<string, number> = {};
  for (const name in raw.magnitudes) {
    const value = raw.magnitudes[name];
    const definition = fact.magnitudes?.[name];
    if (!definition) throw new Error(`${fact.name}: unknown magnitude ${name}`);
    magnitudes[name] = perturbed
      ? perturbMagnitude(value, mod(raw.keys[definition.of] ?? 0), definition.scale)
      : value;
  }
  const units = counts[fact.unitCount] ?? 0;
  const names = only ?? (Object.keys(fact.measures) as M[]);
  const measures = {} as Record<M, number | null>; // filled for every asked measure below
  if (perturbed && units < fact.threshold) {
    for (const name of names) measures[name] = null;
    return {
      dimensions: raw.dimensions,
      measures,
      units,
      suppressed: true,
      suppressionReason: `Fewer than ${fact.threshold} units in this cell (or none), after perturbation.`,
      disclosure,
    };
  }
  const hidden: string[] = [];
  /** The counts the measure being computed read (directly or through a magnitude). */
  const used: string[] = [];
  const values: CellValues = {
    count: (countName) => {
      const value = Object.hasOwn(counts, countName) ? counts[countName] : undefined;
      if (value === undefined) throw new Error(`${fact.name}: unknown count ${countName}`);
      used.push(countName);
      return value;
    },
    magnitude: (magnitudeName) => {
      const value = Object.hasOwn(magnitudes, magnitudeName)
        ? magnitudes[magnitudeName]
        : undefined;
      const definition = fact.magnitudes?.[magnitudeName];
      if (value === undefined || !definition)
        throw new Error(`${fact.name}: unknown magnitude ${magnitudeName}`);
      used.push(definition.of);
      return value;
    },
  };
  for (const name of names) {
    used.length = 0;
    const definition = fact.measures[name];
    const value = definition.compute(values);
    const guards = definition.restsOn ?? used;
    const small = perturbed && guards.some((c) => (counts[c] ?? 0) < fact.threshold);
    if (small) hidden.push(name);
    measures[name] = small ? null : value;
  }
  return {
    dimensions: raw.dimensions,
    measures,
    units,
    suppressed: false,
    suppressionReason:
      hidden.length > 0
        ? `${hidden.join(', ')}: fewer than ${fact.threshold} units in the sub-population (or none), after perturbation.`
        : null,
    disclosure,
  };
}
