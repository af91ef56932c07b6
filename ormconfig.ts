import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/config';
import { DATASET_MODULES } from './src/datasets/modules';
import { dataSourceOptions } from './src/db/data-source';
import { createCatalog } from './src/shared/modules/catalog';

// The DataSource the TypeORM CLI uses (migration:generate, migration:run): same options as the app.
export default new DataSource(
  dataSourceOptions(loadConfig().database, createCatalog(DATASET_MODULES)),
);
