import { loadMigrations } from '../../src/db/migration-loader';

/** mysql migrations, oldest first. Generate one with `npm_config_name=Name npm run migration:generate:mysql`. */
export const MYSQL_MIGRATIONS = loadMigrations(__dirname);
