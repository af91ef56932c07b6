import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IMPORTERS } from '../../src/datasets/importers';

describe('docs > README', () => {
  it('documents every import dataset and every one of its columns', async () => {
    const readme = await readFile(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const importer of IMPORTERS) {
      const section = readme.split(`#### \`${importer.name}\``)[1]?.split('####')[0];
      expect(section).toBeDefined();
      for (const column of Object.keys(importer.columns))
        expect(section).toContain(`| \`${column}\` |`);
    }
  });
});
