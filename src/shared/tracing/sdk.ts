import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { SpanKind, TraceFlags, trace, type Attributes, type Context } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { COMMAND_ATTRIBUTE, flushTracing, markTracingEnabled, tracingConfigured } from './index';
import type { Sampling } from './http-span';

/**
 * Which requests are traced, read from the standard OTEL_TRACES_SAMPLER and its argument:
 * `always_on` (the default), `always_off`, `traceidratio` with a ratio, and their `parentbased_`
 * forms, which also follow a caller's sampled `traceparent`. Other samplers count as always_on.
 */
export function samplingOf(env: NodeJS.ProcessEnv): Sampling {
  const name = (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on').trim().toLowerCase();
  const argument = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  const ratio = name.endsWith('always_off')
    ? 0
    : name.endsWith('traceidratio') && argument >= 0 && argument <= 1
      ? argument
      : 1;
  return { ratio, followCaller: name.startsWith('parentbased_') };
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

let sdk: NodeSDK | null = null;

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
  markTracingEnabled({ stop: () => running.shutdown(), sampling: samplingOf(env) });
  // A command that ends by itself (import, seed) exports its last spans before the process
  // exits: the exporter's timer does not keep it alive.
  process.once('beforeExit', () => void flushTracing());
  return true;
}
