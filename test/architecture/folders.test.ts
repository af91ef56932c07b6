import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The folders of `src` as layers: no folder imports, directly or through others, a folder that
 * imports it, and code outside a `src/shared` subsystem reaches it only through its `index.ts`.
 * Every import counts, `import type` included: a type-only cycle still ties the folders together.
 */
const src = resolve(__dirname, '..', '..', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * A file's folder: a subsystem of `src/shared` (`shared/aggregation`), the files directly in
 * `src/shared` (`shared`, its kernel: errors, paths, periods), a dataset (`datasets/staffing`),
 * or a top folder (`db`, `server`, `dimensions`).
 */
function folderOf(path: string): string {
  const parts = relative(src, path).split(sep);
  if ((parts[0] === 'shared' || parts[0] === 'datasets') && parts.length > 2)
    return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

interface Import {
  from: string;
  /** The imported file, resolved. */
  to: string;
  specifier: string;
}

/** Every relative import and re-export of a file, type-only ones included. */
function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .filter(({ fileName }) => fileName.startsWith('.'))
    .map(({ fileName }) => {
      const base = resolve(dirname(file), fileName);
      const to = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p)) ?? base;
      return { from: file, to, specifier: fileName };
    });
}

const files = tsFiles(src);
const imports = files.flatMap(importsOf);

/** The first cycle in a graph of folders, as the folders along it, or null. */
function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('architecture > folders', () => {
  it('finds the imports it checks (type-only ones included)', () => {
    expect(files.length).toBeGreaterThan(100);
    const typeOnly = imports.filter(({ from, specifier }) =>
      new RegExp(
        `import type [^;]*from '${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`,
      ).test(readFileSync(from, 'utf8')),
    );
    expect(typeOnly.length).toBeGreaterThan(10);
  });

  it('has no import cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    const example = new Map<string, string>();
    for (const { from, to } of imports) {
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === b) continue;
      edges.set(a, new Set([...(edges.get(a) ?? []), b]));
      if (!example.has(`${a} -> ${b}`))
        example.set(`${a} -> ${b}`, `${relative(src, from)} imports ${relative(src, to)}`);
    }
    const cycle = findCycle(edges);
    const explained = cycle?.slice(1).map((b, i) => example.get(`${cycle[i]} -> ${b}`));
    expect(explained ?? null).toBeNull();
  });

  it('reaches a src/shared subsystem from outside only through its index.ts', () => {
    // A side-effect import (`import '../shared/tracing/register'`: the trace SDK must start
    // before anything it instruments loads) binds nothing, so it reaches no API past the index.
    const sideEffect = ({ from, specifier }: Import) =>
      readFileSync(from, 'utf8').includes(`import '${specifier}';`);
    const past = imports
      .filter((i) => !sideEffect(i))
      .filter(({ from, to }) => {
        const target = folderOf(to);
        return (
          target.startsWith('shared/') &&
          folderOf(from) !== target &&
          relative(join(src, target), to) !== 'index.ts'
        );
      })
      .map(({ from, specifier }) => `${relative(src, from)}: '${specifier}'`);
    expect(past).toEqual([]);
  });
});
