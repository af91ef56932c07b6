/**
 * Cell-key perturbation (the method of the ABS TableBuilder and the UK 2021 census outputs).
 *
 * Every unit (a staff-year, a job opening) carries a permanent random record key 0-255. A cell's
 * key is the sum of its units' keys modulo 256, so the same set of units always has the same key,
 * whichever query produced the cell. The perturbation table maps (true count, cell key) to a
 * noise of at most ±2: the same cell always gives the same value (repeating or rephrasing a query
 * cannot average the noise away), and no published count is 1 or 2.
 */

export const CELL_KEYS = 256;

/** Largest absolute noise added to a count. */
export const MAX_NOISE = 2;

/**
 * Rows of the table: true count → (published count, probability). Probabilities are multiples of
 * 1/CELL_KEYS' resolution in practice (the key is uniform on 0..255). From 5 on the noise is
 * uniform on -2..2 (mean 0, variance 2): the spread that makes a difference of two cells least
 * likely to hit the truth. Below 5 the published value avoids 1 and 2 and the mean stays at the
 * true count where the ±2 bound allows it (1, 2, 4); a true 3 cannot have mean-0 noise without
 * publishing 1 or 2 or going below -2, so it is biased upward (mean 3.4).
 */
const SMALL_ROWS: Readonly<Record<number, readonly (readonly [number, number])[]>> = {
  0: [[0, 1]],
  1: [
    [0, 2 / 3],
    [3, 1 / 3],
  ],
  2: [
    [0, 0.4],
    [3, 0.4],
    [4, 0.2],
  ],
  3: [
    [3, 0.7],
    [4, 0.2],
    [5, 0.1],
  ],
  4: [
    [3, 0.4],
    [4, 0.3],
    [5, 0.2],
    [6, 0.1],
  ],
};
const LARGE_ROW: readonly (readonly [number, number])[] = [
  [-2, 0.2],
  [-1, 0.2],
  [0, 0.2],
  [1, 0.2],
  [2, 0.2],
];

/** Position of a cell key in [0, 1), the key spread evenly over the unit interval. */
const position = (cellKey: number): number => (cellKey + 0.5) / CELL_KEYS;

function pick(row: readonly (readonly [number, number])[], u: number): number {
  let cumulative = 0;
  for (const [value, probability] of row) {
    cumulative += probability;
    if (u < cumulative) return value;
  }
  return row[row.length - 1][0];
}

/** The published value of a count, from its true value and its cell key. */
export function perturbCount(count: number, cellKey: number): number {
  const u = position(mod(cellKey));
  const small = SMALL_ROWS[count];
  if (small) return pick(small, u);
  return count + pick(LARGE_ROW, u);
}

/**
 * A fixed permutation of the cell keys (a seeded Fisher-Yates shuffle): the magnitude noise reads
 * the key through it, so it is a stream of its own, unrelated to the count's noise, which reads
 * the key's position directly.
 */
const MAGNITUDE_STREAM: readonly number[] = (() => {
  const keys = Array.from({ length: CELL_KEYS }, (_, key) => key);
  let state = 0x9e3779b9;
  const next = () => {
    // xorshift32: a fixed, well-spread sequence; nothing here is secret (the keys are).
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return keys;
})();

/**
 * The published value of a magnitude (a sum behind a mean: ages, days): noise of a whole number
 * of units between -2 and +2 times `scale` (about one unit's typical size), from the magnitude's
 * own stream of the cell key. A lone unit's value cannot be read from the difference of two
 * cells; a mean over many units barely moves. The noise is a whole number, so no fractional digit
 * of a mean times its count carries bits of the key (the sums themselves are whole numbers).
 */
export function perturbMagnitude(value: number, cellKey: number, scale: number): number {
  const u = position(MAGNITUDE_STREAM[mod(cellKey)]);
  const span = Math.round(MAX_NOISE * scale);
  // u in (0, 1) spread evenly over the 2 * span + 1 whole numbers -span..span.
  return value + Math.min(span, Math.floor(u * (2 * span + 1)) - span);
}

/** The key of a cell from the sum of its units' record keys (any integer, also negative). */
export function mod(sum: number): number {
  return ((sum % CELL_KEYS) + CELL_KEYS) % CELL_KEYS;
}

/**
 * The whole table, for the tests (docs/privacy.md describes it): true count → published value →
 * probability.
 */
export function perturbationTable(): { count: number; published: number; probability: number }[] {
  const rows: { count: number; published: number; probability: number }[] = [];
  for (let count = 0; count <= 6; count++) {
    const row = SMALL_ROWS[count] ?? LARGE_ROW.map(([noise, p]) => [count + noise, p] as const);
    for (const [published, probability] of row) rows.push({ count, published, probability });
  }
  return rows;
}
