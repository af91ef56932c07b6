import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
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

/** Starts the span of an admitted request; `serve` then runs the request inside it. */
export function startRequestSpan(request: IncomingMessage, response: ServerResponse): Context {
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';
  const mark = url.indexOf('?');
  const query = spanQuery(url);
  const secure = (request.socket as Partial<TLSSocket>).encrypted === true;
  const userAgent = request.headers['user-agent'];
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
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

/** Runs `work` in the request's traced context (as is, for a request left out). */
export function inRequestContext<T>(request: IncomingMessage, work: () => T): T {
  const entry = traced.get(request);
  return entry ? context.with(entry.context, work) : work();
}
