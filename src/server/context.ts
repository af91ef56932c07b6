import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Principal } from '../shared/auth/principal';
import { createLoaders, type Loaders } from '../shared/loaders/loaders';

/** What every resolver receives; made anew for each request. */
export interface RequestContext {
  dataSource: DataSource;
  config: Config;
  principal: Principal;
  loaders: Loaders;
}

export function createRequestContext(
  dataSource: DataSource,
  config: Config,
  principal: Principal,
): RequestContext {
  return { dataSource, config, principal, loaders: createLoaders(dataSource, principal) };
}
