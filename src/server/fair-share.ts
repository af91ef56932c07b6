import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { presentedToken } from '../shared/auth/authenticator';
import type { RedisClient } from '../shared/cache/redis';
import { ErrorCode } from '../shared/errors';
import { sendError } from './http-errors';
import type { Logger } from '../shared/logging/logger';

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
 * Who a request counts against: its credential as authentication reads it (a token or API key,
 * hashed; verified later), so the same key spelled eight ways is one caller; a header that is no
 * bearer token (refused later) by its text; its address when it has none.
 */
function callerOf(req: Request): string {
  const authorization = req.headers.authorization;
  const credential = presentedToken({ url: req.originalUrl, authorization }) ?? authorization;
  if (credential) return `c:${createHash('sha256').update(credential).digest('base64url')}`;
  return `a:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * One caller's requests run at most `max` at a time: a script firing heavy queries in parallel
 * waits its turn (429 TOO_MANY_REQUESTS, Retry-After: 1) instead of taking the whole server.
 */
export function fairShare(running: RunningRequests, max: number): RequestHandler {
  return (req, res, next) => {
    const caller = callerOf(req);
    void running.enter(caller).then((count) => {
      if (count > max) {
        void running.leave(caller);
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
      res.once('close', () => void running.leave(caller));
      next();
    }, next);
  };
}
