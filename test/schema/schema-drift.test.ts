import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { createCatalog } from '../../src/shared/modules/catalog';
import { printAppSchema } from '../../src/server/schema';

describe('schema > committed SDL', () => {
  it('schema/schema.graphql is what the code emits (run `npm run schema` after changing the API)', async () => {
    const committed = await readFile(
      join(__dirname, '..', '..', 'schema', 'schema.graphql'),
      'utf8',
    );
    expect(committed).toEqual(await printAppSchema(createCatalog(DATASET_MODULES)));
  });
});
