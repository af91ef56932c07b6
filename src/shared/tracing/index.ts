import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';

/**
 * Traces of the hub (OpenTelemetry), for the code that makes spans: one tracer, and helpers that
 * cost nothing while tracing is off. The SDK itself is started by `./register`, which the CLI
 * loads before anything else; without OTEL_EXPORTER_OTLP_ENDPOINT it never starts.
 */
export const tracer = trace.getTracer('reformgraph');

let enabled = false;
let stop: (() => Promise<void>) | null = null;

/** Whether the environment configures a trace exporter (the standard OTEL_* variables). */
export function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  if ((env.OTEL_TRACES_EXPORTER ?? '').trim().toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Whether spans are recorded and exported (set once, by the SDK's start). */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Called by the SDK once it has started, with how to stop it. */
export function markTracingEnabled(stopSdk: () => Promise<void>): void {
  enabled = true;
  stop = stopSdk;
}

/**
 * Exports the spans still buffered and stops tracing: at the end of `serve` (after the drain),
 * `import` and `seed`. Nothing to do while tracing is off.
 */
export async function flushTracing(): Promise<void> {
  const stopping = stop;
  stop = null;
  enabled = false;
  await stopping?.();
}

/**
 * The attribute of a command's root span (`import`, `seed`): the one kind of span besides an
 * admitted HTTP request that may start a trace (see the sampler in ./sdk).
 */
export const COMMAND_ATTRIBUTE = 'reformgraph.command';

/**
 * Whether a span made now would be recorded: tracing is on and a recorded span is active (an
 * admitted request, a command's step). A request left out at the door (nine in ten at a 10%
 * ratio) costs no span, attribute or context switch of ours.
 */
export function recording(): boolean {
  return enabled && trace.getActiveSpan()?.isRecording() === true;
}

/**
 * Runs `work` inside a span named `name` (child of the active one) and ends it with the outcome;
 * while nothing is recorded, runs `work` alone. `root`: the span may start a trace of its own (a
 * command run from the CLI), marked with COMMAND_ATTRIBUTE.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
  options: { root?: boolean } = {},
): Promise<T> {
  const root = options.root === true && enabled && trace.getActiveSpan() === undefined;
  if (!root && !recording()) return work(undefined);
  const marked = root ? { ...attributes, [COMMAND_ATTRIBUTE]: name.split(' ')[0] } : attributes;
  return tracer.startActiveSpan(name, { attributes: marked }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks a span failed, with the error's type and message (never a value it carries). */
export function failed(span: Span, error: unknown): void {
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
  if (error instanceof Error) span.setAttribute('error.type', error.name);
}

/** The active trace and span, for a log line (empty outside a span). */
export function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * A SQL statement as a trace may show it: every string and number literal replaced by `?`.
 * The hub binds values as parameters; this catches any that were written into the text.
 * Identifiers are quoted with backticks (MariaDB) or double quotes (SQLite) and kept.
 */
export function statementShape(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/(?<![\w$`".])-?\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b(?![\w`"])/gi, '?');
}

export interface StatementTrace {
  sql: string;
  /** `sqlite`, `mariadb` or `mysql`. */
  system: string;
  /** The database (name or file). */
  database: string;
  /** When the statement started (ms since the epoch) and how long it took. */
  startedAt: number;
  milliseconds: number;
  /** Rows it returned (or changed), when known. */
  rows?: number;
  error?: unknown;
}

const OPERATION = /^\s*(\w+)/;
const TARGET = /\b(?:from|into|update|table)\s+[`"]?([\w$]+)[`"]?/i;

/**
 * One span for a SQL statement that has run, as the OpenTelemetry database conventions name it
 * (`SELECT fact_staffing`), child of the active span: the request, import or seed step it served.
 */
export function traceStatement(statement: StatementTrace): void {
  // Only under a recorded span: a statement of no request or step (the version watch's poll,
  // every second) would otherwise be a trace of its own.
  if (!recording()) return;
  const operation = OPERATION.exec(statement.sql)?.[1]?.toUpperCase() ?? 'SQL';
  const target = TARGET.exec(statement.sql)?.[1];
  const span = tracer.startSpan(
    target ? `${operation} ${target}` : operation,
    {
      kind: SpanKind.CLIENT,
      startTime: statement.startedAt,
      attributes: {
        'db.system.name': statement.system,
        'db.namespace': statement.database,
        'db.operation.name': operation,
        ...(target ? { 'db.collection.name': target } : {}),
        'db.query.text': statementShape(statement.sql),
        ...(statement.rows !== undefined ? { 'db.response.returned_rows': statement.rows } : {}),
      },
    },
    context.active(),
  );
  if (statement.error !== undefined) failed(span, statement.error);
  span.end(statement.startedAt + statement.milliseconds);
}
