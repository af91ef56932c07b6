import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../../config/config';
import { parseRole, type Principal } from './principal';

interface TokenEntry {
  digest: Buffer;
  principal: Principal;
}

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * The development shortcut `API_TOKENS`: comma-separated `token=role[:ENTITY|ENTITY]`, e.g.
 * `k1=analyst,k2=hr:DESA|OCHA`. Only digests are kept in memory; configuration refuses it when
 * NODE_ENV=production.
 */
export class DevTokens {
  private readonly entries: TokenEntry[];

  constructor(spec: string) {
    this.entries = spec
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((entry, i) => {
        const match =
          /^([^=\s]{12,})=(public|analyst|hr|conduct)(?::([A-Z0-9-]+(?:\|[A-Z0-9-]+)*))?$/i.exec(
            entry,
          );
        const role = parseRole(match?.[2]);
        if (!match || !role) {
          throw new ConfigError(
            'API_TOKENS entries look like token=role[:ENTITY|ENTITY] with a token of at least 12 characters ' +
              'and role public, analyst, hr or conduct.',
          );
        }
        return {
          digest: digest(match[1]),
          principal: {
            role,
            entityScope: match[3] ? match[3].split('|') : null,
            subject: `dev-token:${i + 1}`,
          },
        };
      });
  }

  /** The principal of a development token, or null. */
  find(token: string): Principal | null {
    if (this.entries.length === 0) return null; // as in production: no digest to make
    const presented = digest(token);
    return this.entries.find((e) => timingSafeEqual(e.digest, presented))?.principal ?? null;
  }
}
