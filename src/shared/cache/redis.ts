import { createClient } from '@redis/client';
import type { Logger } from '../logging';
import type { AnswerStore, CachedAnswer } from './response-cache';

const newClient = (url: string) => createClient({ url, disableOfflineQueue: true });
export type RedisClient = ReturnType<typeof newClient>;

/** The channel on which imports announce new dataset versions to every hub process. */
const DATASETS_CHANNEL = 'reformgraph:datasets-changed';
/** The channel of saved queries' registrations, replacements and deletions (their names). */
const SAVED_QUERIES_CHANNEL = 'reformgraph:saved-queries-changed';

/** How long start-up waits for Redis before serving without the cache (it keeps trying). */
const STARTUP_WAIT_MS = 2000;

/**
 * A Redis connection that fails fast while Redis is away (no offline queue), so a cache that
 * cannot be reached is a miss, never a stalled request. It reconnects by itself; start-up waits
 * for it at most STARTUP_WAIT_MS, so a hub whose Redis is down still serves (without the cache).
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = newClient(url);
  let reported = false;
  client.on('error', (error: unknown) => {
    if (!reported) logger.warn({ err: error }, 'redis unavailable; the cache is bypassed');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info('redis available again');
    reported = false;
  });
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), STARTUP_WAIT_MS);
  });
  await Promise.race([connected, waited]);
  clearTimeout(timer);
  return client;
}

/**
 * Answers in Redis, shared by every hub process: `<prefix>a:<key>` holds an answer (JSON, with a
 * TTL), `<prefix>d:<dataset>` the keys of the answers that read the dataset, so an import drops
 * exactly those.
 */
export class RedisAnswerStore implements AnswerStore {
  readonly kind = 'redis';

  constructor(
    private readonly client: RedisClient,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
    /** Other connections that live as long as the store (the subscriber). */
    private readonly alsoClose: readonly RedisClient[] = [],
  ) {}

  private readonly prefix = 'reformgraph:cache:';

  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      const text = await this.client.get(`${this.prefix}a:${key}`);
      return text === null ? undefined : (JSON.parse(text) as CachedAnswer); // written by set()
    } catch (error) {
      this.logger.debug({ err: error }, 'redis get failed');
      return undefined;
    }
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    const answerKey = `${this.prefix}a:${key}`;
    const multi = this.client.multi().set(answerKey, JSON.stringify(answer), {
      expiration: { type: 'EX', value: this.ttlSeconds },
    });
    for (const dataset of Object.keys(answer.versions)) {
      multi.sAdd(`${this.prefix}d:${dataset}`, answerKey);
      multi.expire(`${this.prefix}d:${dataset}`, this.ttlSeconds);
    }
    try {
      await multi.exec();
    } catch (error) {
      this.logger.debug({ err: error }, 'redis set failed');
    }
  }

  async invalidate(datasets: readonly string[]): Promise<void> {
    try {
      for (const dataset of datasets) {
        const tag = `${this.prefix}d:${dataset}`;
        const keys = await this.client.sMembers(tag);
        await this.client.del([...keys, tag]);
      }
    } catch (error) {
      this.logger.warn({ err: error, datasets }, 'redis invalidation failed');
    }
  }

  async close(): Promise<void> {
    for (const client of [...this.alsoClose, this.client]) await closeRedis(client);
  }
}

/** Closes a connection: politely when Redis answers, else at once (still trying to reach it). */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.isReady) await client.close();
  else if (client.isOpen) client.destroy();
}

/**
 * Tells every hub process that datasets changed, and their new versions (the importer calls it
 * after committing); each process takes the versions at once, drops the answers of those
 * datasets, and rereads the versions table.
 */
export async function announceDatasetChange(
  url: string,
  versions: Readonly<Record<string, number>>,
  logger: Logger,
): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', (error: unknown) => logger.debug({ err: error }, 'redis'));
  await client.connect();
  try {
    await client.publish(
      DATASETS_CHANNEL,
      JSON.stringify({ datasets: Object.keys(versions), versions }),
    );
  } finally {
    await client.close();
  }
}

/** The versions an announcement carries (none from a message that has none, or is not JSON). */
function announcedVersions(message: string): Map<string, number> {
  try {
    const { versions } = JSON.parse(message) as { versions?: unknown };
    if (!versions || typeof versions !== 'object') return new Map();
    return new Map(
      Object.entries(versions).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      ),
    );
  } catch {
    return new Map();
  }
}

/**
 * Calls `onMessage` with every message on `channel` (a dedicated connection), and with null
 * after each (re)connect: what was announced while it was away must be read.
 */
async function subscribeTo(
  client: RedisClient,
  channel: string,
  onMessage: (message: string | null) => void,
): Promise<RedisClient> {
  // Queues the subscription until Redis answers, and subscribes again after each reconnect.
  const subscriber = client.duplicate({ disableOfflineQueue: false });
  subscriber.on('error', () => undefined); // the main client reports Redis being away
  subscriber.on('ready', () => onMessage(null));
  void subscriber.connect().catch(() => undefined);
  await Promise.race([
    subscriber.subscribe(channel, (message) => onMessage(message)),
    new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS).unref()),
  ]).catch(() => undefined);
  return subscriber;
}

/**
 * Calls `onChange` whenever an import anywhere announces a change (a dedicated connection), with
 * the versions it announced (empty after a reconnect: what changed meanwhile must be read).
 */
export function subscribeDatasetChanges(
  client: RedisClient,
  onChange: (announced: ReadonlyMap<string, number>) => void,
): Promise<RedisClient> {
  return subscribeTo(client, DATASETS_CHANNEL, (message) =>
    onChange(message === null ? new Map() : announcedVersions(message)),
  );
}

/**
 * Tells every hub process that a saved query was registered, replaced or deleted (by name), so
 * that each rereads the registry at once rather than at its next poll. A Redis that does not
 * answer loses the notice: the poll still brings the change.
 */
export async function announceSavedQueryChange(client: RedisClient, name: string): Promise<void> {
  if (!client.isReady) return;
  await client.publish(SAVED_QUERIES_CHANNEL, name).catch(() => undefined);
}

/** Calls `onChange` whenever a process announces a saved query's change, and after a reconnect. */
export function subscribeSavedQueryChanges(
  client: RedisClient,
  onChange: () => void,
): Promise<RedisClient> {
  return subscribeTo(client, SAVED_QUERIES_CHANNEL, () => onChange());
}
