/** Put in by web/build.mjs (esbuild `define`): the example queries of README.md and docs/*.md. */
declare const README_EXAMPLES: readonly { query: string; role: string | null }[];

declare module '*.css';
