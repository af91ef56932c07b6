import type { DataSource } from 'typeorm';
import type { ReadReplicas } from '../db/read-replicas';
import type { SqlCount } from '../db/sql-statement-counter';
import type { Config } from '../config/config';
import type { Principal } from '../shared/auth/principal';
import type { RequestContext } from '../shared/context';
import { DataAccess } from '../shared/access/data-access';
import type { Logger } from '../shared/logging/logger';
import type { Catalog } from '../shared/modules/catalog';

export function createRequestContext(
  dataSource: DataSource,
  config: Config,
  principal: Principal,
  catalog: Catalog,
  logger: Logger,
  requestId?: string,
  replicas: ReadReplicas | null = null,
  sqlCount?: SqlCount,
): RequestContext {
  const limits = {
    maxPageSize: config.maxPageSize,
    maxAggregateCells: config.maxAggregateCells,
    queryTimeoutMs: config.queryTimeoutMs,
  };
  return {
    principal,
    catalog,
    data: new DataAccess(dataSource, principal, limits, catalog, logger, replicas, sqlCount),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
