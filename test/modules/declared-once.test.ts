import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { getMetadataArgsStorage } from 'typeorm';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { silentLogger } from '../../src/shared/logging/logger';
import { createCatalog } from '../../src/shared/modules/catalog';
import { csv } from '../../src/shared/import/csv-columns';
import { RequestLedger } from '../../src/shared/access/request-ledger';
import { ApiKey } from '../../src/shared/auth';
import { tableOf } from '../../src/db/entity-tables';
import { importerFile } from '../../src/shared/generator/generator.definition';
import { databaseCases } from '../support/databases';
import { TINY } from './tiny-dataset';
import type { DatasetModule } from '../../src/shared/modules/dataset-module';

/**
 * The tiny dataset names its table and columns once, in its entity: the fact, its joins, its
 * importer and its summaries are derived from it. A rename in the entity that the rest does not
 * follow fails to compile, or fails start-up, and never reaches a request (where it would be an
 * SQL error, or worse an answer cached without its dataset's version).
 */
const TINY_DIR = join(__dirname, 'tiny-dataset');
const ENTITY_FILE = join(TINY_DIR, 'visit.entity.ts');

/** The type errors of the tiny dataset's files with the entity's source replaced. */
function typeErrors(entitySource: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(__dirname, '../../tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === ENTITY_FILE ? entitySource : readFile(file));
  const roots = ['visits.fact.ts', 'visits.importer.ts', 'index.ts'].map((f) => join(TINY_DIR, f));
  const program = ts.createProgram(roots, { ...parsed.options, noEmit: true }, host);
  return roots.flatMap((root) =>
    program
      .getSemanticDiagnostics(program.getSourceFile(root))
      .map(
        (d) =>
          `${root.slice(TINY_DIR.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      ),
  );
}

describe('modules > the tiny dataset is declared once, in its entity', () => {
  const source = readFileSync(ENTITY_FILE, 'utf8');

  it('compiles as it is', () => {
    expect(typeErrors(source)).toEqual([]);
  });

  it('renaming a column property fails to compile where the fact and importer use it', () => {
    const renamed = source.replace('entityCode!: string;', 'visitedEntity!: string;');
    expect(renamed).not.toBe(source);
    const errors = typeErrors(renamed);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^visits\.fact\.ts: .*'entityCode' does not exist/),
        expect.stringMatching(/^visits\.importer\.ts: .*'"entityCode"' is not assignable/),
      ]),
    );
  });

  it('a fact over a table no module declares is refused when the catalog is built', () => {
    // The stale-cache hazard: answers over an undeclared table would carry no dataset version.
    expect(() => createCatalog([...DATASET_MODULES, { ...TINY, entities: [] }])).toThrow(
      /fact visits reads fact_tiny_visit, which no dataset module's entities declare/,
    );
  });

  it('a request reading a table no dataset owns is refused, not answered without a version', async () => {
    const catalog = createCatalog([...DATASET_MODULES, TINY]);
    const ledger = new RequestLedger(catalog, 1000, { held: () => new Map([['tiny', 3]]) });
    ledger.readsTables(['fact_tiny_visit', 'dim_entity']);
    expect(await ledger.datasetVersions()).toEqual({ dimensions: null, tiny: 3 });
    expect(() => ledger.readsTables([tableOf(ApiKey)])).toThrow(
      'api_key belongs to no dataset: an answer read from it has no version',
    );
  });

  it('an importer column longer than its table column is refused when the catalog is built', () => {
    const [importer] = TINY.importers ?? [];
    if (!importer) throw new Error('the tiny dataset has no importer');
    const { entity_code: entityCode, ...others } = importer.columns;
    const wider = {
      ...importer,
      columns: { ...others, entity_code: { ...entityCode, schema: csv.code(40) } },
    };
    expect(() => createCatalog([...DATASET_MODULES, { ...TINY, importers: [wider] }])).toThrow(
      /importer tiny-visits: column entity_code allows 40 characters, Visit.entityCode holds 32/,
    );
  });
});

describe('modules > a row list is read in its declared order by an index', () => {
  it('every row list’s order leads an index or the primary key of its entity (a page is a range, not a sort)', () => {
    const storage = getMetadataArgsStorage();
    const lists = DATASET_MODULES.flatMap((module) => module.rowLists ?? []);
    expect(lists.length).toBeGreaterThanOrEqual(3);
    const unindexed = lists
      .filter((list) => {
        const primary = storage.columns
          .filter((column) => column.target === list.entity && column.options.primary)
          .map((column) => column.propertyName);
        const indexes = storage.indices
          .filter((index) => index.target === list.entity && Array.isArray(index.columns))
          .map((index) => index.columns as string[]);
        return ![primary, ...indexes].some((columns) =>
          list.order.every((property, i) => columns[i] === property),
        );
      })
      .map((list) => `${list.name} (${list.order.join(', ')})`);
    expect(unindexed).toEqual([]);
  });
});

describe('generators > a generated file is keyed by its importer columns', () => {
  const [importer] = TINY.importers ?? [];

  it('derives the header from the importer and refuses a record that does not match it', () => {
    if (!importer) throw new Error('the tiny dataset has no importer');
    const file = importerFile(importer, [{ visit_id: 'V1', year: 2021, entity_code: 'DESA' }]);
    expect(file.header).toEqual(['visit_id', 'year', 'entity_code']);
    expect([...file.rows]).toEqual([['V1', 2021, 'DESA']]);
    expect(() => [...importerFile(importer, [{ visit_id: 'V1', year: 2021 }]).rows]).toThrow(
      'tiny-visits: a generated record lacks the column entity_code',
    );
    const extra = { visit_id: 'V1', year: 2021, entity_code: 'DESA', entity: 'DESA' };
    expect(() => [...importerFile(importer, [extra]).rows]).toThrow(
      'tiny-visits: a generated record has the unknown column entity',
    );
  });
});

describe.each(databaseCases())(
  'modules > renaming the SQL column of the tiny entity without a migration > %s',
  (_name, database) => {
    it('fails start-up, naming the entity and the column', async () => {
      // The dataset loaded afresh with its entity's column renamed, as an edit of the decorator
      // (`@Column({ name: 'visited_entity_code' })`) would: the fact's SQL follows (it is
      // derived); the tiny migration does not, so the database still has entity_code.
      let renamed: DatasetModule | undefined;
      // The dimensions stay those of the catalog: the tiny entity's foreign key names them.
      const dimensions = await import('../../src/dimensions');
      await jest.isolateModulesAsync(async () => {
        jest.doMock('../../src/dimensions', () => dimensions);
        const { Visit } = await import('./tiny-dataset/visit.entity');
        const column = getMetadataArgsStorage()
          .filterColumns(Visit)
          .find((c) => c.propertyName === 'entityCode');
        if (!column) throw new Error('Visit.entityCode has no column');
        column.options.name = 'visited_entity_code';
        renamed = (await import('./tiny-dataset')).TINY;
      });
      if (!renamed) throw new Error('the tiny dataset did not load');
      expect(renamed.facts?.[0]?.dimensions.ENTITY_KIND?.join?.on).toBe(
        'j_visited_entity_code.code = f.visited_entity_code',
      );

      const catalog = createCatalog([...DATASET_MODULES, renamed]);
      const { config, drop } = await database.create();
      const dataSource = await openDataSource(config, catalog, silentLogger);
      try {
        await expect(migrateDatabase(dataSource, catalog)).rejects.toThrow(
          /Visit: table fact_tiny_visit has no column visited_entity_code/,
        );
      } finally {
        await dataSource.destroy();
        await drop();
      }
    });
  },
);
