import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { redactUrl } from '../redact';
import { tracer } from './index';

/**
 * The span of an HTTP request the door admitted (SERVER, named `GET /graphql` once the route is
 * known), with the attributes of OpenTelemetry's HTTP server conventions, under the caller's
 * `traceparent` when it sent one. The hub makes it itself rather than through the HTTP
 * instrumentation: that one binds the request's context to the request and response streams and
 * to every listener added to them, which put a quarter of a lookup's CPU on each traced request
 * and slowed the untraced ones beside them (their objects no longer had one shape).
 */
interface Traced {
  span: Span;
  /** The context the request's work runs in: the span active. */
  context: Context;
  method: string;
}

const traced = new WeakMap<IncomingMessage, Traced>();

/** A GraphQL GET's document, variables and extensions: literal values, never in a span. */
const DOCUMENT_PARAMETERS = ['query', 'variables', 'extensions'];

/**
 * The query string a span may show (`url.query`): credentials redacted as in the log lines
 * (`redactUrl`), and a GraphQL GET's document and variables too (the request span has the
 * document's hash instead). Undefined when the URL has none.
 */
export function spanQuery(url: string): string | undefined {
  const redacted = redactUrl(url);
  const mark = redacted.indexOf('?');
  if (mark < 0) return undefined;
  const params = new URLSearchParams(redacted.slice(mark + 1));
  for (const name of DOCUMENT_PARAMETERS) if (params.has(name)) params.set(name, '[redacted]');
  return params.toString();
}

/** Where the request was sent: the Host header's name and port. */
function serverOf(request: IncomingMessage, secure: boolean): Attributes {
  const host = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(request.headers.host ?? '');
  if (!host) return {};
  return {
    'server.address': host[1],
    'server.port': host[2] ? Number(host[2]) : secure ? 443 : 80,
  };
}

/** Which requests are traced: a ratio, and whether a caller's sampled `traceparent` decides. */
export interface Sampling {
  ratio: number;
  followCaller: boolean;
}

/** Paths whose requests make no trace: probes and scrapes, many times a minute. */
const UNTRACED = /^\/(healthz|readyz|metrics)(\?|$)/;

/** `emit` of an HTTP server, in its general form (the event names are overloads of it). */
type Emit = (this: Server, event: string, ...args: unknown[]) => boolean;

/**
 * Puts the door in front of an HTTP server of the hub. Whether a request is traced is decided
 * once, where it comes in: not a probe or a scrape, and chosen by the caller's `traceparent`
 * (when the sampler is parent-based) or by the ratio. A request left out (nine in ten at a 10%
 * ratio) goes to the server's listeners as if tracing were off, touching nothing of
 * OpenTelemetry; an admitted one gets its span and is handed to the listeners inside it.
 */
export function openDoor(server: Server, sampling: Sampling): void {
  const plain: Emit = server.emit;
  server.emit = function emit(this: Server, event: string, ...args: unknown[]) {
    if (event !== 'request') return plain.call(this, event, ...args);
    const request = args[0] as IncomingMessage; // a 'request' event's arguments
    if (UNTRACED.test(request.url ?? '')) return plain.call(this, event, ...args);
    // The caller's trace, read by the W3C propagator only when it sent one.
    const parent =
      request.headers.traceparent === undefined
        ? ROOT_CONTEXT
        : propagation.extract(ROOT_CONTEXT, request.headers);
    const caller = sampling.followCaller ? trace.getSpanContext(parent) : undefined;
    const admitted = caller
      ? (caller.traceFlags & TraceFlags.SAMPLED) !== 0
      : sampling.ratio >= 1 || (sampling.ratio > 0 && Math.random() < sampling.ratio);
    if (!admitted) return plain.call(this, event, ...args);
    const active = startRequestSpan(request, args[1] as ServerResponse, parent);
    return context.with(active, () => plain.call(this, event, ...args));
  };
}

/** Starts the span of an admitted request, under `parent` (the caller's trace, if any). */
function startRequestSpan(
  request: IncomingMessage,
  response: ServerResponse,
  parent: Context,
): Context {
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';
  const mark = url.indexOf('?');
  const query = spanQuery(url);
  const secure = (request.socket as Partial<TLSSocket>).encrypted === true;
  const userAgent = request.headers['user-agent'];
  const span = tracer.startSpan(
    method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': method,
        'url.scheme': secure ? 'https' : 'http',
        'url.path': mark < 0 ? url : url.slice(0, mark),
        ...(query !== undefined ? { 'url.query': query } : {}),
        ...serverOf(request, secure),
        'network.protocol.version': request.httpVersion,
        ...(request.socket.remoteAddress
          ? {
              'network.peer.address': request.socket.remoteAddress,
              'client.address': request.socket.remoteAddress,
            }
          : {}),
        ...(request.socket.remotePort ? { 'network.peer.port': request.socket.remotePort } : {}),
        ...(typeof userAgent === 'string' ? { 'user_agent.original': userAgent } : {}),
      },
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  traced.set(request, { span, context: active, method });
  response.once('close', () => {
    const status = response.statusCode;
    const requestId = response.getHeader('x-request-id');
    span.setAttribute('http.response.status_code', status);
    if (requestId !== undefined)
      span.setAttribute('http.response.header.x-request-id', [String(requestId)]);
    if (!response.writableFinished) {
      span.setAttribute('error.type', 'aborted');
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: 'closed before the response was sent',
      });
    } else if (status >= 500) {
      // A server span fails on 5xx only: a 4xx is the caller's error (the conventions).
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  });
  return active;
}

/**
 * The context of a traced request's work, for a handler to re-enter after the body was read
 * (events of the request's streams come in outside it); undefined for a request left out.
 */
export function requestContext(request: IncomingMessage): Context | undefined {
  return traced.get(request)?.context;
}

/**
 * Names the request's span by the route it matched (`POST /graphql`, `http.route`): the pattern,
 * never the path. Nothing for a request left out.
 */
export function setRequestRoute(request: IncomingMessage, route: string): void {
  const entry = traced.get(request);
  if (!entry) return;
  entry.span.updateName(`${entry.method} ${route}`);
  entry.span.setAttribute('http.route', route);
}
