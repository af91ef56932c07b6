import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
import { createCatalog } from '../../src/shared/modules/catalog';
import { silentLogger } from '../../src/shared/logging/logger';
import { databaseCases } from '../support/databases';

describe.each(databaseCases())('db > migrations > %s', (_name, database) => {
  it('creates exactly the schema the entities describe', async () => {
    const { config, drop } = await database.create();
    const dataSource = await openDataSource(config, createCatalog(DATASET_MODULES), silentLogger);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      // What `synchronize` would still change after the migrations: must be nothing.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      // A second run has nothing left to do.
      expect(await dataSource.runMigrations()).toEqual([]);
    } finally {
      await dataSource.destroy();
      await drop();
    }
  });
});
