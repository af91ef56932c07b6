/**
 * Starts OpenTelemetry tracing when the environment asks for it (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, unless OTEL_SDK_DISABLED=true). Imported first by the CLI:
 * with OTEL_GRAPHQL_RESOLVER_SPANS=true the GraphQL instrumentation patches graphql as it is
 * loaded, so this must run before anything requires it.
 */
import { tracingConfigured } from './index';

// The standard OTEL_* variables belong to the OpenTelemetry SDK, which reads them itself (the
// exporter's endpoint, headers, protocol, sampler, resource): config.ts does not restate them.
// eslint-disable-next-line no-restricted-syntax
const env = process.env;
if (tracingConfigured(env)) {
  // Loaded only when configured: the SDK with its exporters takes 0.8 s and 55 MB of memory to
  // load, which a hub without tracing should not pay. A static import would always load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./sdk') as typeof import('./sdk')).startTracing(env);
}
