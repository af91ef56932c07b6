import { parseRole } from '../../src/shared/auth/principal';
import { testDatabases } from '../support/databases';
import { documentationFiles, readDocumentation } from '../support/documentation';
import { openHarness, type Harness } from '../support/harness';

/**
 * Every example query of the documentation (README.md and docs/*.md) that is followed by its
 * output is run against the demo data (`npm start`: scale 0.1, seed 1) and must give that output.
 * The numbers shown are rounded, so a non-integer expected value matches within 0.05. An example
 * starting with `# role: conduct` runs as that role (unscoped); the others as the public. A query
 * block is an example with output only when the next block is its JSON (a match never spans an
 * example without output).
 */
const examples = documentationFiles().flatMap((file) =>
  [
    ...readDocumentation(file).matchAll(
      /```graphql\n((?:(?!```)[\s\S])*)```\s*\n\s*```json\n([\s\S]*?)```/g,
    ),
  ].map((m) => ({
    file,
    name: /^\s*(?:query|mutation)\s+(\w+)/m.exec(m[1])?.[1] ?? 'anonymous',
    query: m[1],
    output: JSON.parse(m[2]) as unknown,
    role: parseRole(/^# role: (\w+)/.exec(m[1])?.[1]),
  })),
);

function matches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const ok = Number.isInteger(expected)
      ? Math.abs(actual - expected) < 0.5 && Math.round(actual) === expected
      : Math.abs(actual - expected) <= 0.05;
    return ok ? [] : [`${path}: expected ${expected}, got ${actual}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items`];
    return expected.flatMap((e, i) => matches(actual[i], e, `${path}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: expected an object`];
    return Object.entries(expected).flatMap(([k, v]) =>
      matches((actual as Record<string, unknown>)[k], v, `${path}.${k}`),
    );
  }
  return actual === expected
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

const sqlite = testDatabases().filter((db) => db.name === 'sqlite');

describe.each(sqlite.map((db) => [db.name, db] as const))(
  'docs > examples on the demo data > %s',
  (_name, database) => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await openHarness(database, { seedScale: 0.1 });
    });
    afterAll(() => harness?.close());

    it('has examples with outputs, in the README and in docs/', () => {
      const inReadme = examples.filter((e) => e.file === 'README.md');
      expect(inReadme.length).toBeGreaterThanOrEqual(3);
      expect(examples.length - inReadme.length).toBeGreaterThanOrEqual(3);
    });

    it.each(examples.map((e) => [`${e.file} ${e.name}`, e] as const))(
      '%s gives the output shown',
      async (_label, example) => {
        const principal = example.role ? { role: example.role, entityScope: null } : undefined;
        const result = await harness.execute(example.query, { principal });
        expect(result.errors).toBeUndefined();
        expect(matches({ data: result.data }, example.output)).toEqual([]);
      },
    );
  },
);
