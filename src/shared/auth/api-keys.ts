import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { UnauthenticatedError } from '../errors';
import { ApiKey } from './api-key.entity';
import { parseRole, type Principal, type Role } from './principal';

const PREFIX = 'rgk_';
const KEY_PATTERN = /^rgk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
/** last_used_at is written at most this often per key (not on every request). */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const looksLikeApiKey = (token: string): boolean => token.startsWith(PREFIX);

export interface NewApiKey {
  role: Role;
  entities: readonly string[] | null;
  label: string;
  expiresAt: Date | null;
}

/** Creates a key; the returned `key` is the only time the secret exists outside its holder. */
export async function createApiKey(
  db: DataSource,
  spec: NewApiKey,
): Promise<{ id: string; key: string }> {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await db.getRepository(ApiKey).insert({
    id,
    secretSha256: sha256(secret),
    role: spec.role,
    entityScope: spec.entities ? spec.entities.join('|') : null,
    label: spec.label,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    expiresAt: spec.expiresAt ? spec.expiresAt.toISOString() : null,
    revokedAt: null,
  });
  return { id, key: `${PREFIX}${id}_${secret}` };
}

export function listApiKeys(db: DataSource): Promise<ApiKey[]> {
  return db.getRepository(ApiKey).find({ order: { createdAt: 'ASC', id: 'ASC' } });
}

/** Revokes a key; false if there is no such key or it was revoked already. */
export async function revokeApiKey(db: DataSource, id: string): Promise<boolean> {
  const result = await db
    .getRepository(ApiKey)
    .createQueryBuilder()
    .update()
    .set({ revokedAt: new Date().toISOString() })
    .where('id = :id AND revoked_at IS NULL', { id })
    .execute();
  return (result.affected ?? 0) > 0;
}

/**
 * Checks presented keys against the stored ones: one indexed read per request (a revoked key is
 * refused on the next request, whatever process serves it).
 */
export class ApiKeyVerifier {
  private readonly lastWritten = new Map<string, number>();

  constructor(private readonly db: DataSource) {}

  async verify(presented: string): Promise<Principal> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) throw new UnauthenticatedError('The API key is malformed.');
    const [, id, secret] = match;
    const stored = await this.db.getRepository(ApiKey).findOneBy({ id });
    const expected = Buffer.from(stored?.secretSha256 ?? sha256(''), 'hex');
    const same = timingSafeEqual(expected, Buffer.from(sha256(secret), 'hex'));
    if (!stored || !same) throw new UnauthenticatedError('The API key is not valid.');
    if (stored.revokedAt) throw new UnauthenticatedError('The API key was revoked.');
    const now = Date.now();
    if (stored.expiresAt && Date.parse(stored.expiresAt) <= now) {
      throw new UnauthenticatedError('The API key has expired.');
    }
    const role = parseRole(stored.role);
    if (!role) throw new UnauthenticatedError('The API key has no valid role.');
    if (now - (this.lastWritten.get(id) ?? 0) >= LAST_USED_RESOLUTION_MS) {
      this.lastWritten.set(id, now);
      await this.db
        .getRepository(ApiKey)
        .update({ id }, { lastUsedAt: new Date(now).toISOString() });
    }
    return {
      role,
      entityScope: stored.entityScope ? stored.entityScope.split('|') : null,
      subject: `key:${id}`,
    };
  }
}
