import {
  CELL_KEYS,
  MAX_NOISE,
  perturbCount,
  perturbMagnitude,
  perturbationTable,
} from '../../src/shared/disclosure/perturbation';
import { recordKey } from '../../src/shared/disclosure/record-key';

const KEYS = Array.from({ length: CELL_KEYS }, (_, key) => key);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('disclosure > perturbation table', () => {
  it('moves no count by more than 2 and never publishes 1 or 2', () => {
    const violations: string[] = [];
    for (let count = 0; count <= 200; count++) {
      for (const key of KEYS) {
        const published = perturbCount(count, key);
        if (Math.abs(published - count) > MAX_NOISE || published === 1 || published === 2)
          violations.push(`${count} with key ${key} -> ${published}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('is unbiased over the cell keys, except for a true 3 (documented)', () => {
    for (const count of [0, 1, 2, 4, 5, 6, 10, 100, 5000]) {
      const published = KEYS.map((key) => perturbCount(count, key));
      // The key resolution (1/256) is the only error left.
      expect(Math.abs(mean(published) - count)).toBeLessThan(0.02);
    }
    expect(mean(KEYS.map((key) => perturbCount(3, key)))).toBeCloseTo(3.4, 1);
  });

  it('spreads the noise of large counts evenly over -2..2, the same for the same key', () => {
    const noise = KEYS.map((key) => perturbCount(1000, key) - 1000);
    for (const n of [-2, -1, 0, 1, 2]) {
      expect(noise.filter((x) => x === n).length / CELL_KEYS).toBeCloseTo(0.2, 1);
    }
    expect(perturbCount(1000, 77)).toBe(perturbCount(1000, 77));
    expect(perturbCount(1000, 77 + CELL_KEYS)).toBe(perturbCount(1000, 77));
  });

  it('perturbs magnitudes by up to ±2 units of their scale, centred on the truth', () => {
    const values = KEYS.map((key) => perturbMagnitude(4000, key, 20));
    for (const v of values) expect(Math.abs(v - 4000)).toBeLessThanOrEqual(40);
    expect(Math.abs(mean(values) - 4000)).toBeLessThan(0.5);
  });

  it('lists its table: probabilities of every row add up to 1', () => {
    const rows = perturbationTable();
    for (let count = 0; count <= 6; count++) {
      const total = rows.filter((r) => r.count === count).reduce((s, r) => s + r.probability, 0);
      expect(total).toBeCloseTo(1, 10);
    }
  });
});

describe('disclosure > record keys', () => {
  it('are stable for a unit, differ with the secret, and spread over 0..255', () => {
    expect(recordKey('secret-a', 'staff-years', ['S1', 2021])).toBe(
      recordKey('secret-a', 'staff-years', ['S1', 2021]),
    );
    const keys = Array.from({ length: 25_600 }, (_, i) =>
      recordKey('secret-a', 'staff-years', [`S${i}`, 2021]),
    );
    const other = Array.from({ length: 256 }, (_, i) =>
      recordKey('secret-b', 'staff-years', [`S${i}`, 2021]),
    );
    expect(other).not.toEqual(keys.slice(0, 256));
    const counts = new Array<number>(CELL_KEYS).fill(0);
    for (const key of keys) counts[key] += 1;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
  });
});
