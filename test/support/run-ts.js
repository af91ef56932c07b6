/**
 * Runs a TypeScript entry point in a child process, as the built CLI would run: each .ts file is
 * transpiled on require with the project's compiler options (no type check; `npm run lint` does
 * that). Tests use it for what must happen in another process (an import the server only hears
 * of through Redis). Usage: node test/support/run-ts.js src/cli/main.ts <args>
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher run by node itself */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
options.sourceMap = false;
options.inlineSourceMap = true;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: options,
    fileName: filename,
  });
  module._compile(outputText, filename);
};

require('reflect-metadata');
// The entry runs as the main module (`require.main === module`), with its own arguments.
process.argv.splice(1, 2, path.resolve(root, process.argv[2]));
require('node:module').runMain();
