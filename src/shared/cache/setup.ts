import type { DataSource } from 'typeorm';
import type { CacheConfig } from '../../config/config';
import type { Logger } from '../logging';
import { DatasetVersionWatch } from './dataset-version-watch';
import { connectRedis, RedisAnswerStore, subscribeDatasetChanges } from './redis';
import { MemoryAnswerStore, ResponseCache } from './response-cache';

/**
 * The response cache as configured: in this process's memory, or in Redis when REDIS_URL is set
 * (then imports anywhere reach every process at once through Redis, and the poll is a backstop).
 * Null when RESPONSE_CACHE=off.
 */
export async function createResponseCache(
  config: CacheConfig,
  dataSource: DataSource,
  logger: Logger,
  schemaId: string,
): Promise<ResponseCache | null> {
  if (!config.enabled) return null;
  const versions = new DatasetVersionWatch(dataSource, logger);
  await versions.start(config.versionPollMs);
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
