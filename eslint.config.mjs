import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Where a file sits in the architecture: a dataset slice (`src/datasets/<slice>/…`), the
 * dimensions, the module list, or a cross-cutting folder (`src/shared`, `src/db`, …).
 */
function placeOf(file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'src') return null;
  if (parts[1] === 'datasets') {
    // A file directly in src/datasets (the module list) belongs to no slice; a folder is a slice.
    const folder = resolve(root, 'src', 'datasets', parts[2] ?? '');
    if (parts.length === 3 && !(existsSync(folder) && statSync(folder).isDirectory()))
      return { area: 'datasets', slice: null, inner: parts[2] };
    return { area: 'datasets', slice: parts[2], inner: parts.slice(3).join('/') };
  }
  if (parts[1] === 'dimensions')
    return { area: 'dimensions', slice: 'dimensions', inner: parts.slice(2).join('/') };
  return { area: parts[1], slice: null, inner: parts.slice(2).join('/') };
}

const isIndex = (inner) => inner === '' || /^index(\.ts)?$/.test(inner);

/** The src/shared subsystem (folder) a path inside src/shared belongs to, or null for its files. */
function subsystemOf(inner) {
  const [first, ...rest] = inner.split('/');
  return rest.length > 0 ||
    (existsSync(resolve(root, 'src', 'shared', first)) &&
      statSync(resolve(root, 'src', 'shared', first)).isDirectory())
    ? first
    : null;
}

/**
 * A slice is imported only through its index (its public interface); `src/db`, `src/server`,
 * `src/shared` and `src/config` never import a slice, the dimensions or the module list; a slice
 * never imports the module list. The CLI is the composition root and may import the list.
 */
const sliceBoundaries = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      internals:
        "'{{source}}' reaches into the {{slice}} slice: import its public interface ('{{index}}') instead.",
      crossCutting:
        "src/{{area}} must not import dataset code ('{{source}}'): pass it in from the catalog.",
      moduleList: "A slice must not import the module list ('{{source}}').",
      subsystem:
        "'{{source}}' reaches into src/shared/{{subsystem}}: import its public interface ('{{index}}') instead.",
    },
  },
  create(context) {
    const from = placeOf(context.filename);
    if (!from) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = placeOf(resolve(dirname(context.filename), source));
      if (!to) return;
      // A src/shared subsystem (a folder) is reached from outside only through its index; a
      // side-effect import (no bindings: the trace SDK's register) reaches no API.
      const subsystem = to.area === 'shared' ? subsystemOf(to.inner) : null;
      const bindings = node.type !== 'ImportDeclaration' || node.specifiers.length > 0;
      if (
        subsystem &&
        bindings &&
        to.inner !== subsystem &&
        !isIndex(to.inner.slice(subsystem.length + 1))
      ) {
        const fromSubsystem = from.area === 'shared' ? subsystemOf(from.inner) : null;
        if (fromSubsystem !== subsystem) {
          context.report({
            node,
            messageId: 'subsystem',
            data: { source, subsystem, index: `src/shared/${subsystem}` },
          });
          return;
        }
      }
      const datasetCode = to.area === 'datasets' || to.area === 'dimensions';
      if (['db', 'server', 'shared', 'config'].includes(from.area) && datasetCode) {
        context.report({ node, messageId: 'crossCutting', data: { area: from.area, source } });
      } else if (from.slice && to.area === 'datasets' && to.slice === null) {
        context.report({ node, messageId: 'moduleList', data: { source } });
      } else if (to.slice && to.slice !== from.slice && !isIndex(to.inner)) {
        const index = to.area === 'dimensions' ? 'src/dimensions' : `src/datasets/${to.slice}`;
        context.report({ node, messageId: 'internals', data: { source, slice: to.slice, index } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'migrations/**',
      '.ci/tools/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { reformgraph: { rules: { 'slice-boundaries': sliceBoundaries } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'reformgraph/slice-boundaries': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name="process"][property.name="env"]',
          message: 'Read configuration through src/config/config.ts only.',
        },
      ],
    },
  },
  { files: ['src/config/config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
);
