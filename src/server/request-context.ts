import type { DataSource } from 'typeorm';
import type { ReadReplicas } from '../shared/replicas';
import type { SqlCount } from '../db/sql-statement-counter';
import type { Config } from '../config/config';
import type { Principal } from '../shared/auth';
import type { RequestContext } from '../shared/graph';
import { DataAccess, type HeldVersions } from '../shared/access';
import type { Logger } from '../shared/logging';
import type { Catalog } from '../shared/modules';
import type { SavedQueryRegistry } from '../shared/saved-queries';

/** What a request's context is made of: the server's parts and who asks. */
export interface RequestContextParts {
  dataSource: DataSource;
  config: Config;
  principal: Principal;
  catalog: Catalog;
  logger: Logger;
  savedQueries: SavedQueryRegistry;
  requestId?: string;
  replicas?: ReadReplicas | null;
  sqlCount?: SqlCount;
  /** The dataset versions the server holds in memory; without, each request reads them. */
  versions?: HeldVersions | null;
}

export function createRequestContext(parts: RequestContextParts): RequestContext {
  const { dataSource, config, principal, catalog, logger, requestId, sqlCount } = parts;
  const limits = {
    maxPageSize: config.maxPageSize,
    maxAggregateCells: config.maxAggregateCells,
    queryTimeoutMs: config.queryTimeoutMs,
  };
  return {
    principal,
    catalog,
    savedQueries: parts.savedQueries,
    data: new DataAccess(
      dataSource,
      principal,
      limits,
      catalog,
      logger,
      parts.replicas ?? null,
      sqlCount,
      parts.versions ?? null,
    ),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
