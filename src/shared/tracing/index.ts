import type { Server } from 'node:http';
import { LRUCache } from 'lru-cache';
import { openDoor, type Sampling } from './http-span';
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
let sampling: Sampling | null = null;

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

/** What the SDK hands over once it has started. */
export interface StartedTracing {
  /** Exports what is buffered and stops. */
  stop: () => Promise<void>;
  /** Which requests are traced (the standard OTEL_TRACES_SAMPLER, read by ./sdk). */
  sampling: Sampling;
}

/** Called by the SDK once it has started. */
export function markTracingEnabled(started: StartedTracing): void {
  enabled = true;
  stop = started.stop;
  sampling = started.sampling;
}

/** Puts the sampling door in front of an HTTP server of the hub (nothing while tracing is off). */
export function traceAtTheDoor(server: Server): void {
  if (sampling) openDoor(server, sampling);
}

export { requestContext, setRequestRoute } from './http-span';

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

/** A statement's span name and the attributes that depend on its text alone. */
interface StatementShape {
  name: string;
  attributes: Attributes;
}

/**
 * Shapes of the statements seen, by text: the hub sends the same few hundred texts over and over
 * (values are bound parameters), so each is read once.
 */
const shapes = new LRUCache<string, StatementShape>({ max: 2000 });

function shapeOf(sql: string): StatementShape {
  const known = shapes.get(sql);
  if (known) return known;
  const operation = OPERATION.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  const target = TARGET.exec(sql)?.[1];
  const shape = {
    name: target ? `${operation} ${target}` : operation,
    attributes: {
      'db.operation.name': operation,
      ...(target ? { 'db.collection.name': target } : {}),
      'db.query.text': statementShape(sql),
    },
  };
  shapes.set(sql, shape);
  return shape;
}

/**
 * One span for a SQL statement that has run, as the OpenTelemetry database conventions name it
 * (`SELECT fact_staffing`), child of the active span: the request, import or seed step it served.
 */
export function traceStatement(statement: StatementTrace): void {
  // Only under a recorded span: a statement of no request or step (the version watch's poll,
  // every second) would otherwise be a trace of its own.
  if (!recording()) return;
  const shape = shapeOf(statement.sql);
  const span = tracer.startSpan(
    shape.name,
    {
      kind: SpanKind.CLIENT,
      startTime: statement.startedAt,
      attributes: {
        'db.system.name': statement.system,
        'db.namespace': statement.database,
        ...shape.attributes,
        ...(statement.rows !== undefined ? { 'db.response.returned_rows': statement.rows } : {}),
      },
    },
    context.active(),
  );
  if (statement.error !== undefined) failed(span, statement.error);
  span.end(statement.startedAt + statement.milliseconds);
}
