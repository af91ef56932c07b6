import { parse, validate } from 'graphql';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { createCatalog } from '../../src/shared/modules/catalog';
import { buildAppSchema } from '../../src/server/schema';
import * as dashboard from '../../src/shared/persisted/dashboard';
import { DASHBOARD_DOCUMENTS } from '../../src/shared/persisted/dashboard';

/**
 * The dashboard is built on the public API only: each of its queries is one named operation that
 * validates against the hub's schema (a renamed field would break the page, so it breaks here).
 */
describe('web > dashboard queries', () => {
  it.each(Object.entries(DASHBOARD_DOCUMENTS))(
    '%s validates against the schema',
    async (_name, query) => {
      const schema = await buildAppSchema(createCatalog(DATASET_MODULES));
      const document = parse(query);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      expect(document.definitions).toHaveLength(1);
      expect(document.definitions[0]).toMatchObject({
        kind: 'OperationDefinition',
        operation: 'query',
      });
    },
  );

  it('lists every document of the module among the persisted documents', () => {
    const values: unknown[] = Object.values(dashboard);
    const documents = values.filter(
      (value): value is string => typeof value === 'string' && value.startsWith('query '),
    );
    expect(new Set(Object.values(DASHBOARD_DOCUMENTS))).toEqual(new Set(documents));
  });
});
