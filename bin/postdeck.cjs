#!/usr/bin/env node
// `postdeck` / `npx postdeck`: runs the built CLI. It never builds at run time: `npm run build:main` makes dist-main/cli.cjs.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist-main', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('Postdeck is not built yet: run `npm run build:main` (or `npm run build`) in the Postdeck folder first.\n');
  process.exit(2);
}
require(cli);
