import type { IncomingMessage } from 'node:http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import {
  SpanKind,
  TraceFlags,
  isSpanContextValid,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { redactUrl } from '../redact';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { COMMAND_ATTRIBUTE, flushTracing, markTracingEnabled, tracingConfigured } from './index';

/**
 * Which requests are traced, read from the standard OTEL_TRACES_SAMPLER and its argument:
 * `always_on` (the default), `always_off`, `traceidratio` with a ratio, and their `parentbased_`
 * forms, which also follow a caller's sampled `traceparent`. Other samplers count as always_on.
 */
export function samplingOf(env: NodeJS.ProcessEnv): { ratio: number; followCaller: boolean } {
  const name = (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on').trim().toLowerCase();
  const argument = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  const ratio = name.endsWith('always_off')
    ? 0
    : name.endsWith('traceidratio') && argument >= 0 && argument <= 1
      ? argument
      : 1;
  return { ratio, followCaller: name.startsWith('parentbased_') };
}

const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-([\da-f]{2})$/;

/**
 * Whether a request is traced, decided once, where it comes in: by the caller's `traceparent`
 * (when the sampler is parent-based) or by the ratio. A request left out makes no span at all:
 * the HTTP instrumentation ignores it, so nothing below has a span to attach to.
 */
function admitted(request: IncomingMessage, sampling: { ratio: number; followCaller: boolean }) {
  const header = request.headers.traceparent;
  const caller = sampling.followCaller && typeof header === 'string' && TRACEPARENT.exec(header);
  if (caller) return (Number.parseInt(caller[1], 16) & TraceFlags.SAMPLED) !== 0;
  return sampling.ratio >= 1 || (sampling.ratio > 0 && Math.random() < sampling.ratio);
}

/**
 * The SDK's sampler once the door has decided: an admitted request's span (SERVER) and a
 * command's root span are recorded; anything else follows its parent, and a span with no parent
 * (the GraphQL instrumentation's, for a request left out or at start-up) is dropped.
 */
class AdmittedSampler implements Sampler {
  shouldSample(
    context: Context,
    _traceId: string,
    _name: string,
    kind: SpanKind,
    attributes: Attributes,
  ): SamplingResult {
    if (kind === SpanKind.SERVER || attributes[COMMAND_ATTRIBUTE] !== undefined)
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    const parent = trace.getSpanContext(context);
    const sampled =
      parent !== undefined &&
      isSpanContextValid(parent) &&
      (parent.traceFlags & TraceFlags.SAMPLED) !== 0;
    return {
      decision: sampled ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
    };
  }

  toString(): string {
    return 'AdmittedSampler';
  }
}

let sdk: NodeSDK | null = null;

/** Paths whose requests make no trace: probes and scrapes, many times a minute. */
const UNTRACED = /^\/(healthz|readyz|metrics)(\?|$)/;

/** A GraphQL GET's document, variables and extensions: literal values, never in a span. */
const DOCUMENT_PARAMETERS = ['query', 'variables', 'extensions'];

/**
 * The query string a span may show (`url.query`): credentials redacted as in the log lines
 * (`redactUrl`), and a GraphQL GET's document and variables too (the request span has the
 * document's hash instead). Undefined when the URL has none.
 */
function spanQuery(url: string): string | undefined {
  const redacted = redactUrl(url);
  const mark = redacted.indexOf('?');
  if (mark < 0) return undefined;
  const params = new URLSearchParams(redacted.slice(mark + 1));
  for (const name of DOCUMENT_PARAMETERS) if (params.has(name)) params.set(name, '[redacted]');
  return params.toString();
}

/**
 * The OpenTelemetry Node SDK, configured by the standard variables (endpoint, protocol, headers,
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER and its argument, batch
 * settings; the sampler's decision is taken once per request, where it comes in), with traces
 * only: metrics stay on `/metrics` (Prometheus) and logs on stdout, so
 * their OTLP exporters are off unless OTEL_METRICS_EXPORTER or OTEL_LOGS_EXPORTER say otherwise.
 * GraphQL resolver spans are off, as the instrumentation advises for Apollo Server
 * (OTEL_GRAPHQL_RESOLVER_SPANS=true turns them on); Express's per-middleware spans are off too.
 */
export function startTracing(env: NodeJS.ProcessEnv): boolean {
  if (sdk || !tracingConfigured(env)) return false;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= 'reformgraph';
  const sampling = samplingOf(env);
  sdk = new NodeSDK({
    sampler: new AdmittedSampler(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED.test(request.url ?? '') || !admitted(request, sampling),
        // The hub's own outgoing requests are the exporter's and JWKS fetches: not traced.
        disableOutgoingRequestInstrumentation: true,
        headersToSpanAttributes: { server: { responseHeaders: ['x-request-id'] } },
        // Replaces the instrumentation's own `url.query` (its attributes are merged under these).
        startIncomingSpanHook: (request: IncomingMessage) => {
          const query = spanQuery(request.url ?? '');
          return query === undefined ? {} : { 'url.query': query };
        },
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
