import { loadMigrations } from '../../src/db/migration-loader';

/** sqlite migrations, oldest first. Generate one with `npm_config_name=Name npm run migration:generate:sqlite`. */
export const SQLITE_MIGRATIONS = loadMigrations(__dirname);
