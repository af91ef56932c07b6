import { createHmac } from 'node:crypto';
import { CELL_KEYS } from './perturbation';

/**
 * A unit's record key: 0-255 from a keyed hash of its natural key. The same unit keeps its key
 * across re-imports and replaces (so a new version does not draw new noise that could be
 * averaged), and nobody without the secret can tell a unit's key from its id.
 */
export function recordKey(
  secret: string,
  importer: string,
  naturalKey: readonly unknown[],
): number {
  const digest = createHmac('sha256', secret)
    .update(`${importer}\u0000${JSON.stringify(naturalKey)}`)
    .digest();
  return digest[0] % CELL_KEYS;
}
