import type { CellValues } from './aggregate.definition';

/**
 * Measure helpers shared by every dataset. A measure reads counts and magnitudes through
 * `CellValues`, so it is computed from the values the caller may see (perturbed components for
 * protected roles) and the engine knows which counts it rests on.
 */
export const count =
  (name: string) =>
  (v: CellValues): number =>
    v.count(name);

export const magnitude =
  (name: string) =>
  (v: CellValues): number =>
    v.magnitude(name);

/** At most the whole: perturbed parts can add up to a little more than their perturbed whole. */
const bounded = (value: number, scale: number) => Math.min(scale, Math.max(0, value));

/** part / whole × scale, over counts (null when the whole is 0). */
export const share =
  (part: string, whole: string, scale = 100) =>
  (v: CellValues): number | null => {
    const denominator = v.count(whole);
    return denominator > 0 ? bounded((v.count(part) / denominator) * scale, scale) : null;
  };

/** A magnitude per unit of a count (mean age, mean days). */
export const mean =
  (magnitudeName: string, countName: string) =>
  (v: CellValues): number | null => {
    const denominator = v.count(countName);
    return denominator > 0 ? v.magnitude(magnitudeName) / denominator : null;
  };

/** One magnitude as a share of another (women's share of applications). */
export const magnitudeShare =
  (part: string, whole: string, scale = 100) =>
  (v: CellValues): number | null => {
    const denominator = v.magnitude(whole);
    return denominator > 0 ? bounded((v.magnitude(part) / denominator) * scale, scale) : null;
  };
