import {
  Disclosure,
  type AggregateRequest,
  type DimensionDefinition,
  type FactDefinition,
} from '../facts';
import { Role } from '../auth';
import { ForbiddenError } from '../errors';

/**
 * Which queries a role may shape freely. Every distinct way to compute a cell (a recipe: the cell
 * itself, a margin minus siblings, a sum over a partition) gives an estimate with its own noise;
 * bounding the shapes bounds the recipes, so averaging them cannot wash the noise out.
 */
export interface QueryShape {
  /** Most dimensions one aggregate may be grouped by. */
  maxGroupBy: number;
  /**
   * Which dimensions a filter may list several values of: none (one value or no filter), only
   * those with a small closed set of values (an enum of at most SMALL_ENUM values: grade category,
   * contract type; their subsets are few, so are the recipes they make), or any.
   */
  valueLists: 'none' | 'small-enums' | 'any';
  /** Whether ranges (`yearFrom`, `yearTo`) may be used. */
  ranges: boolean;
}

export interface RolePolicy {
  /** Values the role sees from protected (not published) facts. */
  values: Disclosure.PERTURBED | Disclosure.EXACT;
  /** Shape rules for the queries the role writes; null for none. */
  shape: QueryShape | null;
  /** Whether the role's aggregate queries are logged with who asked. */
  logged: boolean;
}

/**
 * The threat model in one table. The public role is anonymous and may send any number of
 * queries: it sees perturbed values through narrow shapes. Analysts are authenticated and
 * logged: wider shapes, values still perturbed. The hr and conduct roles see exact values
 * within their entity scope, of the facts that let them (`policyFor`). Per-dataset thresholds are part of each fact (`threshold`), and
 * the figures the Organization publishes itself are the facts declared `published`.
 */
export const DISCLOSURE_POLICY: Readonly<Record<Role, RolePolicy>> = {
  [Role.PUBLIC]: {
    values: Disclosure.PERTURBED,
    shape: { maxGroupBy: 3, valueLists: 'small-enums', ranges: false },
    logged: false,
  },
  [Role.ANALYST]: {
    values: Disclosure.PERTURBED,
    shape: { maxGroupBy: 5, valueLists: 'any', ranges: true },
    logged: true,
  },
  [Role.HR]: { values: Disclosure.EXACT, shape: null, logged: true },
  [Role.CONDUCT]: { values: Disclosure.EXACT, shape: null, logged: true },
};

/** Largest number of values an enumerated dimension may have for the public to list several. */
export const SMALL_ENUM = 4;

/**
 * Which roles see a fact's exact values when the fact does not say (`exactFor` unset): hr, for
 * the workforce figures its staff rows already show. The conduct role's exact values are the
 * conduct facts', which name it.
 */
export const EXACT_BY_DEFAULT: readonly Role[] = [Role.HR];

/**
 * The policy a role gets for a fact: its own if it is a protected role (public, analyst) or the
 * fact lets it see exact values (`exactFor`, else EXACT_BY_DEFAULT: the survey lets no role,
 * conduct facts the conduct role); otherwise the analyst's, still logged as its own.
 */
export function policyFor(fact: FactDefinition, role: Role): RolePolicy {
  const own = DISCLOSURE_POLICY[role];
  if (own.values === Disclosure.PERTURBED || (fact.exactFor ?? EXACT_BY_DEFAULT).includes(role)) {
    return own;
  }
  return { ...DISCLOSURE_POLICY[Role.ANALYST], logged: own.logged };
}

/** How a fact's values are protected for a role. */
export function disclosureFor(fact: FactDefinition, role: Role): Disclosure {
  return fact.published ? Disclosure.PUBLISHED : policyFor(fact, role).values;
}

/**
 * Refuses a query the role may not shape this way (FORBIDDEN, with the rule). Queries whose shape
 * is fixed in code (indicator computations, the representation table) are not the caller's
 * choice and are not checked; published facts need no protection.
 */
export function checkQueryShape<D extends string>(
  fact: FactDefinition<D>,
  role: Role,
  request: AggregateRequest<D>,
): void {
  const shape = policyFor(fact, role).shape;
  if (!shape || fact.published) return;
  const grouped = new Set(request.groupBy).size;
  if (grouped > shape.maxGroupBy) {
    throw new ForbiddenError(
      `The ${role} role may group a ${fact.name} aggregate by at most ${shape.maxGroupBy} dimensions (asked: ${grouped}).`,
    );
  }
  const perDimension = new Map<D, Set<string>>();
  for (const condition of request.where) {
    if (condition.op !== 'in' && !shape.ranges) {
      throw new ForbiddenError(
        `The ${role} role may not filter ${fact.name} on a range of ${condition.dimension}: give one value, or group by it.`,
      );
    }
    if (condition.op !== 'in') continue;
    const values = perDimension.get(condition.dimension) ?? new Set<string>();
    for (const value of condition.values) values.add(String(value));
    perDimension.set(condition.dimension, values);
    if (values.size > 1 && !listable(shape, fact.dimensions[condition.dimension])) {
      throw new ForbiddenError(
        `The ${role} role may filter ${fact.name} on one value of ${condition.dimension} (or none): group by it instead of listing values.`,
      );
    }
  }
}

function listable(shape: QueryShape, dimension: DimensionDefinition): boolean {
  switch (shape.valueLists) {
    case 'any':
      return true;
    case 'none':
      return false;
    case 'small-enums':
      return (
        dimension.type.kind === 'enum' && Object.keys(dimension.type.values).length <= SMALL_ENUM
      );
  }
}
