import type { IncomingMessage } from 'node:http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { flushTracing, markTracingEnabled, tracingConfigured } from './index';

let sdk: NodeSDK | null = null;

/** Paths whose requests make no trace: probes and scrapes, many times a minute. */
const UNTRACED = /^\/(healthz|readyz|metrics)(\?|$)/;

/**
 * Query parameters whose values never reach a span: credentials, and a GraphQL GET's document
 * and variables (literal values; the operation span has the document's hash instead).
 */
const REDACTED_PARAMETERS = [
  'api_key',
  'apikey',
  'key',
  'access_token',
  'token',
  'auth',
  'authorization',
  'jwt',
  'secret',
  'password',
  'signature',
  'sig',
  'query',
  'variables',
  'extensions',
];

/**
 * The OpenTelemetry Node SDK, configured by the standard variables (endpoint, protocol, headers,
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER and its argument, batch
 * settings), with traces only: metrics stay on `/metrics` (Prometheus) and logs on stdout, so
 * their OTLP exporters are off unless OTEL_METRICS_EXPORTER or OTEL_LOGS_EXPORTER say otherwise.
 * GraphQL resolver spans are off, as the instrumentation advises for Apollo Server
 * (OTEL_GRAPHQL_RESOLVER_SPANS=true turns them on); Express's per-middleware spans are off too.
 */
export function startTracing(env: NodeJS.ProcessEnv): boolean {
  if (sdk || !tracingConfigured(env)) return false;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= 'reformgraph';
  sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED.test(request.url ?? ''),
        // The hub's own outgoing requests are the exporter's and JWKS fetches: not traced.
        disableOutgoingRequestInstrumentation: true,
        headersToSpanAttributes: { server: { responseHeaders: ['x-request-id'] } },
        redactedQueryParamsServer: REDACTED_PARAMETERS,
      }),
      new ExpressInstrumentation({
        ignoreLayersType: [
          ExpressLayerType.MIDDLEWARE,
          ExpressLayerType.ROUTER,
          ExpressLayerType.REQUEST_HANDLER,
        ],
      }),
      new GraphQLInstrumentation({
        ignoreResolveSpans: env.OTEL_GRAPHQL_RESOLVER_SPANS?.toLowerCase() !== 'true',
        allowValues: false,
        mergeItems: true,
      }),
    ],
  });
  sdk.start();
  const running = sdk;
  markTracingEnabled(() => running.shutdown());
  // A command that ends by itself (import, seed) exports its last spans before the process
  // exits: the exporter's timer does not keep it alive.
  process.once('beforeExit', () => void flushTracing());
  return true;
}
