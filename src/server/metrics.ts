import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { MetricsConfig } from '../config/config';
import { poolUsage } from '../db/data-source';
import { presentedToken } from '../shared/auth';
import { ErrorCode } from '../shared/errors';
import { sendError } from './http-errors';

/**
 * The hub's Prometheus metrics, one registry per server (so tests can run several). Series:
 * HTTP requests by route and status, GraphQL duration by operation, errors by code, SQL
 * statements per request, response cache lookups, plus the process defaults (CPU, memory, event-loop lag).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'reformgraph_http_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'reformgraph_graphql_request_duration_seconds',
    help:
      'GraphQL request duration by operation: the name of a saved query or persisted document, ' +
      'anonymous when unnamed, other for any other name (clients do not choose the series).',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'reformgraph_graphql_errors_total',
    help: 'GraphQL errors by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly sqlStatements = new Histogram({
    name: 'reformgraph_sql_statements_per_request',
    help: 'SQL statements one GraphQL request ran.',
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50, 100],
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'reformgraph_response_cache_lookups_total',
    help: 'Response cache lookups by outcome (hit, miss, stale) and store (memory, redis).',
    labelNames: ['outcome', 'store'] as const,
    registers: [this.registry],
  });

  readonly sqlSeconds = new Histogram({
    name: 'reformgraph_sql_seconds_per_request',
    help: 'Time one GraphQL request spent waiting on SQL statements (summed).',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly readRoutes = new Counter({
    name: 'reformgraph_read_routes_total',
    help:
      'Requests by where their reads went, with read replicas: replica, or the primary because ' +
      'every replica was behind (primary_behind), none answered (primary_unavailable) or the ' +
      'chosen one failed mid-request (primary_fallback; such a request also counts as replica).',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'reformgraph_' });
  }

  /** Reports the database pool (open, idle, waiting, max connections) at every scrape. */
  observePool(dataSource: DataSource): void {
    new Gauge({
      name: 'reformgraph_db_pool_connections',
      help: 'Database pool connections by state: open, idle, waiting (requests queued), max.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const usage = poolUsage(dataSource);
        for (const [state, value] of Object.entries(usage)) this.set({ state }, value);
      },
    });
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `/metrics` as `config` opens it: to a bearer METRICS_TOKEN from anywhere, and without it to
 * the addresses of METRICS_ALLOW (loopback by default), judged by the connection's address, not
 * by a forwarded-for header a client could write; a request a proxy forwarded (it has one) needs
 * the token. Anyone else gets 401 (a token is configured: present it) or 403.
 */
export function metricsEndpoint(metrics: Metrics, config: MetricsConfig): RequestHandler {
  const allowed = new BlockList();
  if (config.allow !== 'any')
    for (const { address, prefix, family } of config.allow)
      allowed.addSubnet(address, prefix, family);
  const token = config.token === null ? null : digest(config.token);
  const fromAllowed = (address: string | undefined): boolean => {
    if (config.allow === 'any') return true;
    if (!address) return false;
    const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
    return isIPv4(v4) ? allowed.check(v4, 'ipv4') : allowed.check(address, 'ipv6');
  };
  return async (req, res) => {
    const presented = presentedToken({ url: '/', authorization: req.headers.authorization });
    const tokenOk =
      token !== null && presented !== null && timingSafeEqual(digest(presented), token);
    // A request a proxy forwarded comes from the proxy's address, not the client's: a load
    // balancer on the same host would open the loopback rule to everyone behind it.
    const forwarded =
      req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    const byNetwork =
      config.allow === 'any' || (!forwarded && fromAllowed(req.socket.remoteAddress));
    if (!tokenOk && !byNetwork) {
      if (token !== null) res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      sendError(
        res,
        token === null ? 403 : 401,
        token === null
          ? 'The metrics are not open to this address (METRICS_ALLOW).'
          : 'The metrics need the bearer token of METRICS_TOKEN.',
        token === null ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED,
        String(req.id ?? ''),
      );
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
