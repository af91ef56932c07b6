import { parse, validate } from 'graphql';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { createCatalog } from '../../src/shared/modules/catalog';
import { buildAppSchema } from '../../src/server/schema';
import * as queries from '../../src/shared/persisted/dashboard';

/**
 * The dashboard is built on the public API only: each of its queries is one named operation that
 * validates against the hub's schema (a renamed field would break the page, so it breaks here).
 */
describe('web > dashboard queries', () => {
  it.each(Object.entries(queries))('%s validates against the schema', async (_name, query) => {
    const schema = await buildAppSchema(createCatalog(DATASET_MODULES));
    const document = parse(query);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    expect(document.definitions).toHaveLength(1);
    expect(document.definitions[0]).toMatchObject({
      kind: 'OperationDefinition',
      operation: 'query',
    });
  });
});
