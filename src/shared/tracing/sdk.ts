import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import {
  SpanKind,
  TraceFlags,
  context,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { COMMAND_ATTRIBUTE, flushTracing, markTracingEnabled, tracingConfigured } from './index';
import { startRequestSpan } from './http-span';

/** `emit` of an HTTP server, in its general form (the event names are overloads of it). */
type Emit = (this: Server, event: string, ...args: unknown[]) => boolean;

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
 * Whether a request is traced, decided once, where it comes in: not a probe or a scrape, and
 * chosen by the caller's `traceparent` (when the sampler is parent-based) or by the ratio.
 */
function admitted(request: IncomingMessage, sampling: { ratio: number; followCaller: boolean }) {
  if (UNTRACED.test(request.url ?? '')) return false;
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
    // The parent's flags alone: the SDK has checked its ids when it made it.
    const flags = trace.getSpanContext(context)?.traceFlags ?? TraceFlags.NONE;
    return {
      decision:
        (flags & TraceFlags.SAMPLED) !== 0
          ? SamplingDecision.RECORD_AND_SAMPLED
          : SamplingDecision.NOT_RECORD,
    };
  }

  toString(): string {
    return 'AdmittedSampler';
  }
}

/**
 * The door of an HTTP server of the hub: a request left out (nine in ten at a 10% ratio) goes
 * to the server's listeners as if tracing were off, touching nothing of OpenTelemetry; an
 * admitted one gets its span (./http-span) and is handed to the listeners inside it.
 */
function door(sampling: { ratio: number; followCaller: boolean }) {
  return (server: Server): void => {
    const plain: Emit = server.emit;
    server.emit = function emit(this: Server, event: string, ...args: unknown[]) {
      if (event !== 'request') return plain.call(this, event, ...args);
      const request = args[0] as IncomingMessage; // a 'request' event's arguments
      if (!admitted(request, sampling)) return plain.call(this, event, ...args);
      const active = startRequestSpan(request, args[1] as ServerResponse);
      return context.with(active, () => plain.call(this, event, ...args));
    };
  };
}

let sdk: NodeSDK | null = null;

/** Paths whose requests make no trace: probes and scrapes, many times a minute. */
const UNTRACED = /^\/(healthz|readyz|metrics)(\?|$)/;

/**
 * The OpenTelemetry Node SDK, configured by the standard variables (endpoint, protocol, headers,
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER and its argument, batch
 * settings; the sampler's decision is taken once per request, at the door), with traces
 * only: metrics stay on `/metrics` (Prometheus) and logs on stdout, so
 * their OTLP exporters are off unless OTEL_METRICS_EXPORTER or OTEL_LOGS_EXPORTER say otherwise.
 *
 * The hub makes its spans itself, and only for an admitted request: the HTTP request's (see
 * ./http-span), the operation's, the cache lookup's and each SQL statement's. The HTTP, Express
 * and GraphQL instrumentations it started with cost a 0.8 ms lookup 0.25 ms of CPU at 10%
 * sampling (`npm run bench`, docs/performance.md "Tracing's cost"): they patch every request's
 * path, sampled or not (the GraphQL one masks each document's literals for a span nobody
 * records). OTEL_GRAPHQL_RESOLVER_SPANS=true loads the GraphQL instrumentation, for spans of
 * parsing, validation, execution and each resolver: a debugging aid, which its README advises
 * against for Apollo Server in production.
 */
export function startTracing(env: NodeJS.ProcessEnv): boolean {
  if (sdk || !tracingConfigured(env)) return false;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= 'reformgraph';
  const perResolver = env.OTEL_GRAPHQL_RESOLVER_SPANS?.toLowerCase() === 'true';
  sdk = new NodeSDK({
    sampler: new AdmittedSampler(),
    instrumentations: [
      ...(perResolver
        ? [new GraphQLInstrumentation({ allowValues: false, mergeItems: true })]
        : []),
    ],
  });
  sdk.start();
  const running = sdk;
  markTracingEnabled({ stop: () => running.shutdown(), door: door(samplingOf(env)) });
  // A command that ends by itself (import, seed) exports its last spans before the process
  // exits: the exporter's timer does not keep it alive.
  process.once('beforeExit', () => void flushTracing());
  return true;
}
