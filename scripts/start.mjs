#!/usr/bin/env node
// @ts-check
// `npm start` (after `npm run build`): the desktop app when this machine can run it, else the browser host.
//
//   node scripts/start.mjs [--desktop-only] [electron arguments...]
//
// Towards the desktop app, in order: obtain the Electron binary (node_modules/electron's install.js, a no-op once
// it is there), build SQLite for it (scripts/electron-native.mjs), have a display. The first step that fails
// decides, through start-plan.mjs: the browser host with a paragraph saying why, or with --desktop-only an exit.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { browserOpener, decideStart, hasDisplay, parseStartArgs } from './start-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireHere = createRequire(import.meta.url);

/** @param {string[]} args node arguments; true when it exits 0 */
const runNode = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;

/** @param {string} request */
function resolveOrNull(request) {
  try {
    return requireHere.resolve(request);
  } catch {
    return null;
  }
}

/** @type {[import('./start-plan.mjs').DesktopStep, () => boolean][]} */
const steps = [
  [
    'electron',
    () => {
      const install = resolveOrNull('electron/install.js');
      return install !== null && runNode([install]);
    },
  ],
  ['sqlite', () => runNode([path.join(root, 'scripts', 'electron-native.mjs')])],
  ['display', () => hasDisplay(process.platform, process.env)],
];

/**
 * Runs a child until it exits, passing on Ctrl-C and SIGTERM, and exits with its code.
 * @param {import('node:child_process').ChildProcess} child
 */
function exitWith(child) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`start: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** @param {string} url */
function openInBrowser(url) {
  const opener = browserOpener(process.platform, process.env, url);
  if (!opener) return;
  // A convenience only: the address is printed either way, so a failure to open is ignored.
  const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
  child.on('error', () => {});
  child.unref();
}

function startWebHost() {
  const child = spawn(process.execPath, [path.join(root, 'dist-main', 'web.cjs')], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  exitWith(child);
  if (!child.stdout) return;
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    const address = /^Postdeck web host: (\S+)$/.exec(line)?.[1];
    if (address) openInBrowser(address);
  });
}

function main() {
  const { desktopOnly, electronArgs } = parseStartArgs(process.argv.slice(2));
  const failed = steps.find(([, succeeded]) => !succeeded())?.[0] ?? null;
  const plan = decideStart({ failed, desktopOnly });
  switch (plan.action) {
    case 'desktop': {
      // electron/cli.js launches the binary install.js fetched and passes signals on to it.
      exitWith(spawn(process.execPath, [requireHere.resolve('electron/cli.js'), '.', ...electronArgs], { cwd: root, stdio: 'inherit' }));
      break;
    }
    case 'refuse':
      console.error(`\n${plan.message}`);
      process.exit(plan.exitCode);
      break;
    case 'web':
      console.error(`\n${plan.message}\n`);
      startWebHost();
      break;
  }
}

main();
