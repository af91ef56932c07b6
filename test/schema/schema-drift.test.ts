import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { printAppSchema } from '../../src/server/schema';

describe('schema > committed SDL', () => {
  it('schema/schema.graphql is what the code emits (run `npm run schema` after changing the API)', async () => {
    const committed = await readFile(
      join(__dirname, '..', '..', 'schema', 'schema.graphql'),
      'utf8',
    );
    expect(committed).toEqual(await printAppSchema());
  });
});
