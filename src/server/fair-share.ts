import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { presentedToken, Role, type Principal } from '../shared/auth';
import type { RedisClient } from '../shared/cache';
import { ErrorCode } from '../shared/errors';
import { sendError } from './http-errors';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../shared/logging';

/** What authentication reads of a request: node's request, or Express's (`originalUrl`). */
export type CredentialRequest = Pick<IncomingMessage, 'method' | 'url' | 'headers' | 'socket'> & {
  originalUrl?: string;
};

/** Requests running per caller: in this process, or in Redis across every hub process. */
export interface RunningRequests {
  /** Counts a request in; returns how many the caller has running now, this one included. */
  enter(caller: string): Promise<number>;
  leave(caller: string): Promise<void>;
}

export class LocalRunningRequests implements RunningRequests {
  private readonly running = new Map<string, number>();

  async enter(caller: string): Promise<number> {
    const now = (this.running.get(caller) ?? 0) + 1;
    this.running.set(caller, now);
    return now;
  }

  async leave(caller: string): Promise<void> {
    const left = (this.running.get(caller) ?? 1) - 1;
    if (left <= 0) this.running.delete(caller);
    else this.running.set(caller, left);
  }
}

/**
 * The counts in Redis (`INCR`/`DECR` on `reformgraph:running:<caller>`), so a caller's limit
 * holds whichever process serves it; each count expires after `ttlSeconds`, so a process that
 * died mid-request does not hold its callers back for long. While Redis is away, this process
 * counts alone.
 */
export class RedisRunningRequests implements RunningRequests {
  private readonly local = new LocalRunningRequests();
  private readonly fallenBack = new Set<string>();

  constructor(
    private readonly client: RedisClient,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
  ) {}

  async enter(caller: string): Promise<number> {
    try {
      const [count] = await this.client
        .multi()
        .incr(this.key(caller))
        .expire(this.key(caller), this.ttlSeconds)
        .exec();
      return Number(count);
    } catch (error) {
      this.logger.debug({ err: error }, 'redis unavailable: requests are counted per process');
      this.fallenBack.add(caller);
      return this.local.enter(caller);
    }
  }

  async leave(caller: string): Promise<void> {
    if (this.fallenBack.delete(caller)) {
      await this.local.leave(caller);
      return;
    }
    await this.client.decr(this.key(caller)).catch(() => undefined);
  }

  private key(caller: string): string {
    return `reformgraph:running:${caller}`;
  }
}

/**
 * Who a request counts against: the principal its credential verifies as (its subject: a key
 * id, a token's `sub`), so one key however spelled, or two tokens of one subject, are one caller;
 * an anonymous request by its address; a credential that does not verify (answered 401 later) by
 * its text, hashed.
 */
export async function callerOf(
  req: CredentialRequest & { ip?: string },
  principal: Promise<Principal>,
): Promise<string> {
  const address = `a:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
  let who: Principal;
  try {
    who = await principal;
  } catch {
    const authorization = req.headers.authorization;
    const url = req.originalUrl ?? req.url ?? '';
    const credential = presentedToken({ url, authorization }) ?? authorization;
    return credential ? `c:${hashed(credential)}` : address;
  }
  return callerOfPrincipal(who) ?? address;
}

const hashed = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * The caller a principal is, undefined for the anonymous one; kept per principal (a verified
 * token's is kept while its token is), so a caller's repeated requests hash nothing.
 */
const callers = new WeakMap<Principal, string | undefined>();
function callerOfPrincipal(who: Principal): string | undefined {
  if (callers.has(who)) return callers.get(who);
  const caller = who.subject
    ? `s:${hashed(who.subject)}`
    : who.role !== Role.PUBLIC
      ? `r:${hashed(`${who.role}:${(who.entityScope ?? ['*']).join('|')}`)}`
      : undefined;
  callers.set(who, caller);
  return caller;
}

/**
 * One caller's requests run at most `max` at a time: a script firing heavy queries in parallel
 * waits its turn (429 TOO_MANY_REQUESTS, Retry-After: 1) instead of taking the whole server.
 */
export function fairShare(
  running: RunningRequests,
  max: number,
  caller: (req: Request) => Promise<string>,
): RequestHandler {
  return (req, res, next) => {
    let key = '';
    void caller(req)
      .then((found) => {
        key = found;
        return running.enter(key);
      })
      .then((count) => {
        if (count > max) {
          void running.leave(key);
          res.setHeader('retry-after', '1');
          sendError(
            res,
            429,
            `This caller has ${count - 1} requests running already: wait for them, then retry.`,
            ErrorCode.TOO_MANY_REQUESTS,
            String(req.id),
          );
          return;
        }
        res.once('close', () => void running.leave(key));
        next();
      }, next);
  };
}
