// Bundles the main-process entry points into dist-main/*.cjs with esbuild.
// npm dependencies stay external (better-sqlite3 is native; electron is provided by the runtime).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const entries = {
  main: 'src-main/entries/electronMain.ts',
  preload: 'src-main/electron/preload.ts',
  web: 'src-main/web/cli.ts',
  sandbox: 'src-main/sandbox/cli.ts',
  bench: 'bench/run.ts',
  cli: 'src-main/entries/postdeck.ts',
};

await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({
      entryPoints: [entry],
      outfile: `dist-main/${name}.cjs`,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      // The sandboxed preload cannot require npm packages, so it bundles everything but electron.
      ...(name === 'preload' ? { external: ['electron'] } : { packages: 'external' }),
      loader: { '.sql': 'text' },
      define: { POSTDECK_VERSION: JSON.stringify(pkg.version) },
      logLevel: 'warning',
    }),
  ),
);
