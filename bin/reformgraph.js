#!/usr/bin/env node
/**
 * The `reformgraph` command (`npx reformgraph <command>` in a clone, `reformgraph` when linked or
 * installed). It runs the compiled CLI in `dist/`, compiling first only when a source changed
 * since the last compile: incrementally (tsc's build info) and in place, never deleting `dist/`,
 * so a server already running keeps its files (its bundled pages in `dist/web` included).
 * `--compile` compiles and stamps without running a command (`npm run build` uses it).
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher run by node itself */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
/** Written after each compile, dated when it started: sources newer than it are not compiled. */
const stamp = path.join(dist, '.compiled');
/** What tsconfig.build.json compiles, and what changes how. */
const SOURCES = [
  'src',
  'migrations',
  'test/bench',
  'ormconfig.ts',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** The newest modification time under a path (files and folders), in ms; 0 when it is missing. */
function newest(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(target))
    latest = Math.max(latest, newest(path.join(target, name)));
  return latest;
}

function compile() {
  const started = Date.now();
  fs.mkdirSync(dist, { recursive: true });
  execFileSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      path.join(dist, '.tsbuildinfo'),
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  fs.writeFileSync(stamp, '');
  fs.utimesSync(stamp, started / 1000, started / 1000);
}

if (process.argv[2] === '--compile') {
  compile();
} else {
  const compiled = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((source) => newest(path.join(root, source))));
  if (changed > compiled) {
    process.stderr.write('reformgraph: compiling the sources changed since the last build...\n');
    compile();
  }
  // Node 22.1+ keeps compiled code between runs; node 20 has no such cache.
  require('node:module').enableCompileCache?.();
  require(path.join(dist, 'src', 'cli', 'main.js')).runAsProcess();
}
