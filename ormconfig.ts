import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/config';
import { dataSourceOptions } from './src/db/data-source';

export { dataSourceOptions, openDataSource } from './src/db/data-source';

// The DataSource the TypeORM CLI uses (migration:generate, migration:run): same options as the app.
export default new DataSource(dataSourceOptions(loadConfig().database));
