import type { DataSource } from 'typeorm';
import type { ReadReplicas } from '../db/read-replicas';
import type { SqlCount } from '../db/sql-statement-counter';
import type { Config } from '../config/config';
import type { Principal } from '../shared/auth/principal';
import type { RequestContext } from '../shared/context';
import { DataAccess } from '../shared/access/data-access';
import type { Logger } from '../shared/logging/logger';
import type { Catalog } from '../shared/modules/catalog';
import type { SavedQueryRegistry } from '../shared/saved-queries/registry';

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
    ),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
