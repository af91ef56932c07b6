import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from './context';
import { requireRole, type Role } from '../auth';

/**
 * type-graphql's auth checker for `@Authorized()` fields: the roles come from the dataset
 * modules' `access` declarations (by field name), so a field's rule is written once, in its
 * module. A fact's fields (root and nested, both named after the fact) are open unless a module
 * restricts them; any other `@Authorized()` field (a row list) is refused unless declared. An
 * out-of-role caller gets FORBIDDEN. The entity scope is not checked here: the data layer
 * enforces it on every query.
 */
export const moduleAuthChecker: AuthChecker<RequestContext, Role> = ({ context, info }, roles) => {
  const field = info.fieldName;
  const declared = roles.length > 0 ? roles : context.catalog.rolesFor(field);
  if (!declared) {
    if (context.catalog.facts.some((fact) => fact.name === field)) return true;
    throw new Error(`no dataset module declares who may read ${field}`);
  }
  requireRole(context.principal, declared, field);
  return true;
};
