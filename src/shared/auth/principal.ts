import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../../config/config';
import { ForbiddenError, UnauthenticatedError } from '../errors';

export enum Role {
  PUBLIC = 'PUBLIC',
  ANALYST = 'ANALYST',
  HR = 'HR',
  CONDUCT = 'CONDUCT',
}

/** Who is asking. `entityScope` null means every entity. */
export interface Principal {
  role: Role;
  entityScope: readonly string[] | null;
}

export const ANONYMOUS: Principal = { role: Role.PUBLIC, entityScope: null };

interface TokenEntry {
  digest: Buffer;
  principal: Principal;
}

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * Parses `API_TOKENS`: comma-separated `token=role[:ENTITY|ENTITY]`, e.g.
 * `k1=analyst,k2=hr:DESA|OCHA`. Only digests are kept in memory.
 */
export function parseApiTokens(spec: string): TokenEntry[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((entry) => {
      const match =
        /^([^=\s]{12,})=(public|analyst|hr|conduct)(?::([A-Z0-9-]+(?:\|[A-Z0-9-]+)*))?$/i.exec(
          entry,
        );
      if (!match) {
        throw new ConfigError(
          'API_TOKENS entries look like token=role[:ENTITY|ENTITY] with a token of at least 12 characters ' +
            'and role public, analyst, hr or conduct.',
        );
      }
      const [, token, role, scope] = match;
      return {
        digest: digest(token),
        principal: {
          role: role.toUpperCase() as Role,
          entityScope: scope ? scope.split('|') : null,
        },
      };
    });
}

export class Authenticator {
  private readonly entries: TokenEntry[];

  constructor(spec: string) {
    this.entries = parseApiTokens(spec);
  }

  /** Resolves an Authorization header; no header is the anonymous public role. */
  authenticate(authorization: string | undefined): Principal {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <token>".');
    const presented = digest(match[1]);
    const entry = this.entries.find((e) => timingSafeEqual(e.digest, presented));
    if (!entry) throw new UnauthenticatedError();
    return entry.principal;
  }
}

/** Row-level data is for the named roles only; aggregates are public. */
export function requireRole(principal: Principal, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(principal.role)) {
    throw new ForbiddenError(`${what} requires one of the roles: ${allowed.join(', ')}.`);
  }
}
