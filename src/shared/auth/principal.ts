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
  /** Who, for the audit log: the token's subject, `key:<id>` for an API key. */
  subject?: string;
}

/** A role named in a token or on the command line (`analyst`, `HR`), or null. */
export function parseRole(value: unknown): Role | null {
  if (typeof value !== 'string') return null;
  const upper = value.toUpperCase();
  return (Object.values(Role) as string[]).includes(upper) ? (upper as Role) : null;
}

export const ANONYMOUS: Principal = { role: Role.PUBLIC, entityScope: null };

/** Whether no credential was presented (the anonymous public role). */
export const isAnonymous = (principal: Principal): boolean =>
  principal.role === Role.PUBLIC && principal.subject === undefined;

/**
 * Row-level data is for the named roles only; aggregates are public. Asked without a credential,
 * it is UNAUTHENTICATED (401: present one); with a credential of another role, FORBIDDEN (403).
 */
export function requireRole(principal: Principal, allowed: readonly Role[], what: string): void {
  if (allowed.includes(principal.role)) return;
  if (isAnonymous(principal))
    throw new UnauthenticatedError(
      `${what} needs a credential of one of the roles ${allowed.join(', ')}: send "Authorization: Bearer <token or API key>".`,
    );
  throw new ForbiddenError(`${what} requires one of the roles: ${allowed.join(', ')}.`);
}
