/**
 * Runs a TypeScript entry point in a child process, as the built CLI would run: each .ts file is
 * transpiled on require with the project's compiler options (no type check; `npm run lint` does
 * that). Tests use it for what must happen in another process (an import the server only hears
 * of through Redis). Usage: node test/support/run-ts.js src/cli/main.ts <args>
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher run by node itself */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
options.sourceMap = false;
options.inlineSourceMap = true;

// Transpiled files are kept by the hash of their source and the compiler's options and version
// (node_modules/.cache/run-ts): the tests start this CLI two dozen times a run, and transpiling
// its 200 files took 3 of the 4 CPU seconds of each start.
const cacheDir = path.join(root, 'node_modules', '.cache', 'run-ts');
const salt = JSON.stringify([ts.version, options]);
fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(salt).update(filename).update(source);
  const cached = path.join(cacheDir, `${key.digest('hex')}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    ({ outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename }));
    // Written whole under a temporary name, then renamed: a concurrent start reads all or nothing.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, outputText);
    fs.renameSync(partial, cached);
  }
  module._compile(outputText, filename);
};

require('reflect-metadata');
// The entry runs as the main module (`require.main === module`), with its own arguments.
process.argv.splice(1, 2, path.resolve(root, process.argv[2]));
require('node:module').runMain();
