/* Jest transformer for ESM-only dependencies (jose, github-slugger): TypeScript's transpiler
 * turns their `import`/`export` into CommonJS and leaves the rest as written (ES2022: class
 * fields stay native). Node itself loads them with require(esm); only Jest 29 needs this. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads transformers as CommonJS
const ts = require('typescript');

module.exports = {
  process(source, filename) {
    const { outputText, sourceMapText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        useDefineForClassFields: true,
        allowJs: true,
        sourceMap: true,
      },
    });
    return { code: outputText, map: sourceMapText };
  },
};
