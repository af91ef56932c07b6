import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What a request did (datasets and versions read, disclosure applied, cells hidden and returned,
 * cacheability) is kept by its ledger: the Apollo plugins read it there, never by asking the
 * reader of facts and rows (`DataAccess`), and the reader stays small.
 */
const server = resolve(__dirname, '..', '..', 'src', 'server');
const plugins = readdirSync(server).filter((name) => name.endsWith('.plugin.ts'));

describe('architecture > the request ledger', () => {
  it('is what the plugins read of a request, through `<context>.data.ledger` only', () => {
    expect(plugins.length).toBeGreaterThanOrEqual(4);
    const reads = plugins.flatMap((name) =>
      [
        ...readFileSync(join(server, name), 'utf8').matchAll(
          /\b(?:contextValue|done|ctx)\.data\.(\w+)/g,
        ),
      ].map((m) => `${name}: data.${m[1]}`),
    );
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.filter((read) => !read.endsWith('data.ledger'))).toEqual([]);
  });

  it('leaves the reader of facts and rows under 250 lines', () => {
    const file = resolve(server, '..', 'shared', 'access', 'data-access.ts');
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').length).toBeLessThan(250);
  });
});
