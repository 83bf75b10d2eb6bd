/** Injected at build time by esbuild (scripts/build-main.mjs) and vitest (vitest.config.ts). */
declare const POSTDECK_VERSION: string;

declare module '*.sql' {
  const sql: string;
  export default sql;
}
