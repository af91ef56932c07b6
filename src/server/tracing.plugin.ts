import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { RequestContext } from '../shared/context';
import { recording, tracer } from '../shared/tracing';

/**
 * The span of one operation (a GraphQL request, a saved query, an SDMX query), made the active
 * span for everything the request then runs: parsing, validation and execution (the GraphQL
 * instrumentation's spans), the cache lookup and each SQL statement are its children. It is
 * named and described by `tracingPlugin` once the operation is known. Installed only while
 * tracing is on; placed after the body is read, so that the request's work runs in its context.
 */
export const operationSpan: RequestHandler = (req, res, next) => {
  if (!recording()) {
    next();
    return;
  }
  const span = tracer.startSpan('graphql.request', {
    attributes: { 'reformgraph.request_id': String(req.id) },
  });
  res.once('close', () => span.end());
  context.with(trace.setSpan(context.active(), span), next);
};

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
          // `<type> <name>` is the execution span's name (the GraphQL instrumentation's).
          span.updateName(`graphql.request ${operationName ?? 'anonymous'}`);
          span.setAttributes({
            'graphql.operation.type': type,
            'graphql.operation.name': operationName ?? '',
            // Apollo's SHA-256 of the document, as automatic persisted queries name it.
            'graphql.document.hash': queryHash,
          });
        },
        async willSendResponse({ contextValue: done, response }) {
          const hidden = done.data.cellsHidden();
          for (const [aggregate, method] of Object.entries(done.data.disclosureApplied()))
            span.addEvent('disclosure', {
              'reformgraph.aggregate': aggregate,
              'reformgraph.disclosure.method': method,
              'reformgraph.disclosure.cells_hidden': hidden[aggregate] ?? 0,
            });
          span.setAttribute('reformgraph.cache', done.data.fromCache ? 'HIT' : 'MISS');
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
