import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '..', '..');
const src = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The slice a file belongs to: `dimensions`, a dataset folder's name, or null. */
function sliceOf(path: string): string | null {
  const parts = relative(src, path).split(sep);
  if (parts[0] === 'dimensions') return 'dimensions';
  if (parts[0] === 'datasets' && parts.length > 2) return parts[1];
  if (parts[0] === 'datasets' && parts.length === 2 && !parts[1].endsWith('.ts')) return parts[1];
  return null;
}

/** Relative imports of a file, resolved to paths (without extension). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) =>
    resolve(dirname(file), m[1]),
  );
}

describe('architecture > slices', () => {
  const files = tsFiles(src);

  it('has no import cycle between slices (the dimensions and each dataset folder)', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of files) {
      const from = sliceOf(file);
      if (!from) continue;
      for (const target of importsOf(file)) {
        const to = sliceOf(target);
        if (to && to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      }
    }
    // Known, intended dependencies: every slice may use the dimensions; representation's fact
    // is declared on the staffing table and applies the desirable-range rules staffing keeps
    // (its generator calibrates geographical posts with them); learning's coverage reads it too.
    expect(edges.get('staffing')).toEqual(new Set(['dimensions']));
    expect(edges.get('representation')).toEqual(new Set(['dimensions', 'staffing']));
    const cycle = findCycle(edges);
    expect(cycle).toBeNull();
  });

  it('keeps src/db, src/server and src/shared free of dataset code', () => {
    const offenders = files
      .filter((file) => /^(db|server|shared|config)\//.test(relative(src, file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => /^(datasets|dimensions)(\/|$)/.test(relative(src, target)))
          .map((target) => `${relative(root, file)} -> ${relative(root, target)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the lint rule refuses an import of the internals of another slice or subsystem and accepts its public interface', () => {
    const cases = [
      [
        'src/datasets/staffing/probe.ts',
        "import { RANGE_STAFF } from '../representation/representation.fact';",
      ],
      ['src/datasets/staffing/probe.ts', "import { REPRESENTATION } from '../representation';"],
      [
        'src/datasets/staffing/probe.ts',
        "import { Grade } from '../../dimensions/grade/grade.entity';",
      ],
      ['src/datasets/staffing/probe.ts', "import { DATASET_MODULES } from '../modules';"],
      ['src/server/probe.ts', "import { STAFFING } from '../datasets/staffing';"],
      [
        'src/server/probe.ts',
        "import { runAggregate } from '../shared/aggregation/aggregate-query';",
      ],
      ['src/server/probe.ts', "import { runAggregate } from '../shared/aggregation';"],
      [
        'src/shared/access/probe.ts',
        "import { tablesRead } from '../aggregation/aggregate-query';",
      ],
      ['src/shared/aggregation/probe.ts', "import { runAggregate } from './aggregate-query';"],
      ['src/cli/probe.ts', "import '../shared/tracing/register';"],
    ];
    const script = `
      const { ESLint } = require('eslint');
      (async () => {
        const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
        const cases = ${JSON.stringify(cases)};
        const out = [];
        for (const [filePath, code] of cases) {
          const [result] = await eslint.lintText(code + '\\nexport {};\\n', { filePath });
          out.push(result.messages.filter((m) => m.ruleId === 'reformgraph/slice-boundaries').map((m) => m.message));
        }
        process.stdout.write(JSON.stringify(out));
      })();`;
    const messages = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }),
    ) as string[][];
    expect(messages[0]).toEqual([
      "'../representation/representation.fact' reaches into the representation slice: import its public interface ('src/datasets/representation') instead.",
    ]);
    expect(messages[1]).toEqual([]);
    expect(messages[2]).toEqual([
      "'../../dimensions/grade/grade.entity' reaches into the dimensions slice: import its public interface ('src/dimensions') instead.",
    ]);
    expect(messages[3]).toEqual(["A slice must not import the module list ('../modules')."]);
    expect(messages[4]).toEqual([
      "src/server must not import dataset code ('../datasets/staffing'): pass it in from the catalog.",
    ]);
    // src/shared's subsystems: through the index from outside, freely within, side effects aside.
    expect(messages[5]).toEqual([
      "'../shared/aggregation/aggregate-query' reaches into src/shared/aggregation: import its public interface ('src/shared/aggregation') instead.",
    ]);
    expect(messages[6]).toEqual([]);
    expect(messages[7]).toEqual([
      "'../aggregation/aggregate-query' reaches into src/shared/aggregation: import its public interface ('src/shared/aggregation') instead.",
    ]);
    expect(messages[8]).toEqual([]);
    expect(messages[9]).toEqual([]);
  }, 60_000);
});

function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const done = new Set<string>();
  const visit = (node: string, path: string[]): string[] | null => {
    if (path.includes(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return null;
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
}
