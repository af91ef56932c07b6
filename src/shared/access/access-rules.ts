import type { AggregateRequest, Condition, Disclosure, FactDefinition } from '../facts';
import { requireRole, type Principal, type Role } from '../auth';
import { checkQueryShape, disclosureFor, DISCLOSURE_POLICY } from '../disclosure';
import { ForbiddenError } from '../errors';
import type { Logger } from '../logging';

export interface DataLimits {
  maxPageSize: number;
  maxAggregateCells: number;
  /** A request's aggregates must finish within this many ms of its start (QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
}

export interface AggregateOptions {
  /**
   * The query's shape is fixed in code (an indicator computation, a computed table), not chosen
   * by the caller, so the role's shape rules do not apply; values are protected all the same.
   */
  declared?: boolean;
}

/**
 * What access needs of the hub's catalog (`src/shared/modules`, which it does not import): who
 * may read a graph field, and which dataset owns a table.
 */
export interface AccessCatalog {
  rolesFor(resource: string): readonly Role[] | undefined;
  datasetOfTable(table: string): string | undefined;
}

/**
 * The entity scope that applies to a fact for this caller (null: none), after refusing what the
 * caller may not read: a fact its role may not see, a fact not attributed to entities for a
 * scoped token, or a filter naming entities outside the scope.
 */
export function scopeFor<D extends string>(
  catalog: AccessCatalog,
  principal: Principal,
  fact: FactDefinition<D>,
  where: readonly Condition<D>[],
): readonly string[] | null {
  const roles = catalog.rolesFor(fact.name);
  if (roles) requireRole(principal, roles, fact.name);
  const scope = principal.entityScope;
  if (fact.published || scope === null) return null;
  if (!fact.entityDimension) {
    throw new ForbiddenError(
      `${fact.name} is not attributed to entities, so a token scoped to entities cannot read it.`,
    );
  }
  for (const condition of where) {
    if (condition.dimension !== fact.entityDimension || condition.op !== 'in') continue;
    const outside = condition.values.map(String).filter((code) => !scope.includes(code));
    if (outside.length > 0) throw outOfScope(outside, scope);
  }
  return scope;
}

/**
 * The disclosure a query gets, after the role's shape rules (unless the shape is declared in
 * code: `declared`); queries of logged roles are logged with who asked.
 */
export function admit<D extends string>(
  principal: Principal,
  logger: Logger,
  fact: FactDefinition<D>,
  request: AggregateRequest<D>,
  declared: boolean,
): Disclosure {
  const { role, entityScope } = principal;
  if (!declared) checkQueryShape(fact, role, request);
  if (DISCLOSURE_POLICY[role].logged) {
    logger.info(
      { role, entityScope, fact: fact.name, groupBy: request.groupBy, where: request.where },
      'aggregate query',
    );
  }
  return disclosureFor(fact, role);
}

export function outOfScope(codes: readonly string[], scope: readonly string[]): ForbiddenError {
  return new ForbiddenError(
    `Entity ${codes.join(', ')} is outside this token's scope (${scope.join(', ')}).`,
  );
}
