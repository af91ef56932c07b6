import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { generateFiles } from '../../src/shared/loading/seed-runner';
import { createCatalog } from '../../src/shared/modules/catalog';

async function checksums(seed: string): Promise<Record<string, string>> {
  const outDir = await mkdtemp(join(tmpdir(), 'rg-gen-'));
  try {
    const files = await generateFiles(createCatalog(DATASET_MODULES), {
      scale: 0.01,
      seed,
      outDir,
    });
    return Object.fromEntries(files.map((file) => [file.importer, file.checksum]));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

describe('staffing > generator', () => {
  it('is deterministic: same seed and scale give byte-identical files; another seed does not', async () => {
    const a = await checksums('7');
    const b = await checksums('7');
    const c = await checksums('8');
    expect(a['staff-years']).toBeDefined();
    expect(a).toEqual(b);
    expect(c['staff-years']).not.toEqual(a['staff-years']);
    expect(c['job-openings']).not.toEqual(a['job-openings']);
    // Reference data does not depend on the seed.
    expect(c.entities).toEqual(a.entities);
  });
});
