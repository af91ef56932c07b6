import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import { SpanStatusCode, context, trace, type Context, type Span } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { RequestContext } from '../shared/graph';
import { requestContext, setRequestRoute, tracer } from '../shared/tracing';

/**
 * The span of one operation (a GraphQL request, a saved query, an SDMX query), child of its HTTP
 * request's and made the active span for everything the request then runs: the cache lookup and
 * each SQL statement are its children. It is named and described by `tracingPlugin` once the
 * operation is known. Installed only while tracing is on, after the body is read: the events of
 * a request's streams come in outside its context, so the operation re-enters it here. Nothing
 * for a request the door left out.
 */
export const operationSpan: RequestHandler = (req, res, next) => {
  const request = requestContext(req);
  if (!request) {
    next();
    return;
  }
  const span = startOperationSpan(req, request, String(req.id), routeOf(req));
  res.once('close', () => span.end());
  context.with(trace.setSpan(request, span), next);
};

/**
 * The operation's span of a request the door admitted (`request`, its context), named by
 * `tracingPlugin` or by whatever answers it; the HTTP span gets the route.
 */
export function startOperationSpan(
  req: IncomingMessage,
  request: Context,
  requestId: string,
  route: string,
): Span {
  setRequestRoute(req, route);
  return tracer.startSpan(
    'graphql.request',
    { attributes: { 'reformgraph.request_id': requestId } },
    request,
  );
}

/** The pattern a request matched: its route's (joined when a route has several), or the mount. */
function routeOf(req: Parameters<RequestHandler>[0]): string {
  const path: unknown = req.route?.path;
  if (typeof path === 'string') return req.baseUrl + path;
  if (Array.isArray(path)) return path.map((one) => req.baseUrl + String(one)).join(',');
  return req.baseUrl || req.path;
}

/**
 * What a trace says of an operation: its type and name, the SHA-256 of its document (never the
 * document: it may hold literal values), the caller's role and entity scope (never the
 * credential), the error codes it answered with, and one `disclosure` event per aggregate read:
 * the method applied and how many cells it hid, never a value.
 */
export function tracingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      span.setAttributes({
        'reformgraph.role': contextValue.principal.role,
        ...(contextValue.principal.entityScope
          ? { 'reformgraph.entity_scope': contextValue.principal.entityScope.join(',') }
          : {}),
      });
      return {
        async didResolveOperation({ operation, operationName, queryHash }) {
          const type = operation?.operation ?? 'query';
          span.updateName(`graphql.request ${operationName ?? 'anonymous'}`);
          span.setAttributes({
            'graphql.operation.type': type,
            'graphql.operation.name': operationName ?? '',
            // Apollo's SHA-256 of the document, as automatic persisted queries name it.
            'graphql.document.hash': queryHash,
          });
        },
        async willSendResponse({ contextValue: done, response }) {
          const hidden = done.data.ledger.cellsHiddenByFact();
          for (const [aggregate, method] of Object.entries(done.data.ledger.disclosureApplied()))
            span.addEvent('disclosure', {
              'reformgraph.aggregate': aggregate,
              'reformgraph.disclosure.method': method,
              'reformgraph.disclosure.cells_hidden': hidden[aggregate] ?? 0,
            });
          span.setAttribute('reformgraph.cache', done.data.ledger.fromCache ? 'HIT' : 'MISS');
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
          if (errors && errors.length > 0) {
            const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? '')))];
            span.setAttribute('graphql.error.codes', codes.join(','));
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
          }
        },
      };
    },
  };
}
