/**
 * Bundles the browser pages the hub serves (the GraphiQL explorer at /graphql and the dashboard
 * at /dashboard) with esbuild, so that nothing is loaded from a CDN: every script, style, font and
 * Monaco worker ends up in one folder the server serves at /assets.
 *
 *   node web/build.mjs [--outdir dist/web]
 *
 * The explorer's example tabs are the example queries of README.md and docs/*.md (those that
 * validate against schema/schema.graphql), read here at build time.
 */
import { readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildSchema, parse, validate } from 'graphql';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const outIndex = args.indexOf('--outdir');
const outdir = resolve(root, outIndex >= 0 ? args[outIndex + 1] : 'dist/web');

/** The documentation: README.md first, then the pages of docs/ in name order. */
const documentation = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** The documentation's example queries that are valid operations of the committed schema. */
function documentedExamples() {
  const schema = buildSchema(readFileSync(join(root, 'schema', 'schema.graphql'), 'utf8'));
  const text = documentation.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
  const examples = [];
  for (const match of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const query = match[1].trim();
    let document;
    try {
      document = parse(query);
    } catch {
      continue;
    }
    const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
    if (operations.length !== 1 || operations[0].operation !== 'query') continue;
    if (validate(schema, document).length > 0) continue;
    const role = /^# role: (\w+)/.exec(query)?.[1] ?? null;
    examples.push({ query: `${query}\n`, role });
  }
  return examples;
}

const examples = documentedExamples();
if (examples.length === 0) throw new Error('no valid example query found in README.md or docs/');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: ['es2022', 'chrome120', 'firefox120', 'safari16'],
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

// Monaco's editor and language workers, started by the explorer from /assets (same origin).
await build({
  ...common,
  format: 'iife',
  outdir,
  entryPoints: {
    'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
    'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
    'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
  },
});

// The pages: scripts and their styles (fonts inlined or copied beside them).
await build({
  ...common,
  format: 'iife',
  outdir,
  jsx: 'automatic',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
  assetNames: '[name]-[hash]',
  entryPoints: {
    explorer: join(root, 'web', 'explorer', 'main.tsx'),
    dashboard: join(root, 'web', 'dashboard', 'main.ts'),
  },
  define: { ...common.define, README_EXAMPLES: JSON.stringify(examples) },
});

writeFileSync(
  join(outdir, 'build.json'),
  `${JSON.stringify({ builtAt: new Date().toISOString(), examples: examples.length }, null, 2)}\n`,
);
console.log(`web assets in ${outdir} (${examples.length} example queries)`);
