import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { importFormatsMarkdown } from '../../src/shared/import/import-formats';
import { createCatalog } from '../../src/shared/modules/catalog';

describe('docs > data formats (docs/data-formats.md)', () => {
  it('documents every import dataset exactly as the importers declare it (`npx reformgraph formats`)', async () => {
    const page = await readFile(join(__dirname, '..', '..', 'docs', 'data-formats.md'), 'utf8');
    const section = page
      .split('<!-- import-formats:start -->\n')[1]
      ?.split('<!-- import-formats:end -->')[0];
    expect(section).toEqual(importFormatsMarkdown(createCatalog(DATASET_MODULES).importers));
  });
});
