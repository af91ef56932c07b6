import type { ApolloServerPlugin } from '@apollo/server';
import { Role, type Principal } from '../shared/auth';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';
import type { Logger } from '../shared/logging';

/**
 * Says in every response that read data what it was computed from and how it was protected:
 * - `extensions.datasets`: the version of each dataset read, e.g. `{ "dimensions": 1,
 *   "staffing": 3 }` (null for data loaded before versions were recorded); a response cache
 *   keys on the same versions;
 * - `extensions.disclosure`: the caller's role and, per aggregate, PERTURBED, EXACT or PUBLISHED,
 *   so a BI user knows why totals may not add up.
 * Errors carry the request's id (`extensions.requestId`, also the `x-request-id` header).
 * Every authenticated request is also logged as one structured `audit` line.
 * When the versions cannot be read (the database went away) the data reads failed too and say so
 * in `errors`; the response then has no versions, and the failure is logged.
 */
const UNAVAILABLE = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.QUERY_TIMEOUT]);

/**
 * `datasets` and `disclosure` of a response, from what the request read. Plugins' last hooks run
 * concurrently, so the response cache asks for them here too (the versions are read once).
 */
export async function dataExtensions(
  contextValue: RequestContext,
  logger: Logger,
): Promise<{ datasets?: Record<string, number | null>; disclosure?: unknown }> {
  const versions = await contextValue.data.ledger.datasetVersions().catch((error: unknown) => {
    logger.warn({ err: error }, 'dataset versions could not be read');
    return {};
  });
  const applied = contextValue.data.ledger.disclosureApplied();
  return {
    ...(Object.keys(versions).length > 0 ? { datasets: versions } : {}),
    ...(Object.keys(applied).length > 0
      ? { disclosure: { role: contextValue.principal.role, aggregates: applied } }
      : {}),
  };
}

export function responseExtensionsPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const extensions = {
            ...result.extensions,
            ...(await dataExtensions(contextValue, logger)),
          };
          if (Object.keys(extensions).length > 0) result.extensions = extensions;
          // Nothing could be read because the database is away or the request ran out of time:
          // 503, for clients to retry (later, or with a smaller question).
          const codes = new Set(result.errors?.map((e) => e.extensions?.code));
          if (
            !result.data &&
            codes.size > 0 &&
            [...codes].every((code) => UNAVAILABLE.has(String(code)))
          ) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
          // An error names its request, so a user's report finds the server's log lines.
          if (contextValue.requestId !== undefined && result.errors) {
            const requestId = contextValue.requestId;
            result.errors = result.errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, requestId },
            }));
          }
          audit(logger, contextValue.principal, {
            operationName: operationName ?? null,
            datasets: contextValue.data.ledger.datasetsTouched(),
            cells: contextValue.data.ledger.cellsReturned(),
            cached: contextValue.data.ledger.fromCache,
            errors: result.errors?.length ?? 0,
            requestId: contextValue.requestId ?? null,
          });
        },
      };
    },
  };
}

/**
 * The audit trail of authenticated requests, one `audit` line each: who, as what, asked what,
 * got what. Anonymous public requests are not audited.
 */
export function audit(
  logger: Logger,
  principal: Principal,
  entry: {
    operationName: string | null;
    datasets: readonly string[];
    cells: number;
    cached: boolean;
    errors: number;
    requestId: string | null;
  },
): void {
  if (principal.subject === undefined && principal.role === Role.PUBLIC) return;
  if (!logger.isLevelEnabled('info')) return;
  const { operationName, ...rest } = entry;
  logger.info(
    {
      audit: {
        subject: principal.subject ?? null,
        role: principal.role,
        entityScope: principal.entityScope,
        operationName,
        ...rest,
      },
    },
    'audit',
  );
}
