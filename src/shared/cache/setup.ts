import type { DataSource } from 'typeorm';
import type { CacheConfig } from '../../config/config';
import type { Logger } from '../logging';
import { DatasetVersionWatch } from './dataset-version-watch';

/**
 * The process's dataset versions in memory, read at start and followed after (this process's
 * loads, a poll every VERSION_POLL_MS): requests take their versions from it, without a
 * statement, and the response cache checks its answers against it.
 */
export async function watchDatasetVersions(
  config: CacheConfig,
  dataSource: DataSource,
  logger: Logger,
): Promise<DatasetVersionWatch> {
  const versions = new DatasetVersionWatch(dataSource, logger);
  await versions.start(config.versionPollMs);
  return versions;
}
import { connectRedis, RedisAnswerStore, subscribeDatasetChanges } from './redis';
import { MemoryAnswerStore, ResponseCache } from './response-cache';

/**
 * The response cache as configured: in this process's memory, or in Redis when REDIS_URL is set
 * (then imports anywhere reach every process at once through Redis, and the poll is a backstop).
 * Null when RESPONSE_CACHE=off. Announcements on Redis also move `versions` on at once.
 */
export async function createResponseCache(
  config: CacheConfig,
  versions: DatasetVersionWatch,
  logger: Logger,
  schemaId: string,
): Promise<ResponseCache | null> {
  if (!config.enabled) return null;
  if (!config.redisUrl) {
    const store = new MemoryAnswerStore(config.maxBytes, config.ttlSeconds);
    return new ResponseCache(store, versions, schemaId);
  }
  const client = await connectRedis(config.redisUrl, logger);
  const subscriber = await subscribeDatasetChanges(client, (announced) => {
    versions.learn(announced);
    void versions.refresh();
  });
  const store = new RedisAnswerStore(client, config.ttlSeconds, logger, [subscriber]);
  return new ResponseCache(store, versions, schemaId);
}
