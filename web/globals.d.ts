/** Put in by web/build.mjs (esbuild `define`): the README's example queries, for the explorer. */
declare const README_EXAMPLES: readonly { query: string; role: string | null }[];

declare module '*.css';
