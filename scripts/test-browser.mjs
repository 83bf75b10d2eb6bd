#!/usr/bin/env node
// @ts-check
// The Chromium the end-to-end tests drive. `npm test` calls obtainBrowser() before anything else, so a fresh
// machine needs no browser set-up of its own: it looks for one, and when there is none it provisions one.
//
//   node scripts/test-browser.mjs               print the browser the tests would use; provision one if none
//   node scripts/test-browser.mjs --provision   provision even when one is installed (shows what provisioning does here)
//
// Every contact with the machine goes through `Probes`, so the decisions are unit-tested without touching it
// (test/unit/scripts/testBrowser.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} Probes
 * @property {Record<string, string | undefined>} env
 * @property {string} platform `process.platform`
 * @property {(file: string) => boolean} exists
 * @property {(command: string, args: string[]) => boolean} run runs a command with visible output; true when it exits 0
 * @property {() => boolean} isRoot
 * @property {() => string | undefined} playwrightExecutable where Playwright's own Chromium is (or would be) installed
 * @property {(line: string) => void} log
 */

/** @typedef {'CHROMIUM_PATH' | 'system' | 'playwright'} BrowserSource */
/** @typedef {{ ok: true, path: string, source: BrowserSource } | { ok: false, message: string }} BrowserResult */

/** Where Chromium or Chrome usually lives on each platform. */
export function systemCandidates(/** @type {string} */ platform, /** @type {Record<string, string | undefined>} */ env) {
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root) => root !== undefined);
    return roots.flatMap((root) => [path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'), path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

/**
 * An installed browser, in order of preference: CHROMIUM_PATH, the system's, Playwright's own. Looks only, never installs.
 * @param {Pick<Probes, 'env' | 'platform' | 'exists' | 'playwrightExecutable'>} probes
 * @returns {{ path: string, source: BrowserSource } | null}
 */
export function locateBrowser(probes) {
  const configured = probes.env.CHROMIUM_PATH;
  if (configured) return probes.exists(configured) ? { path: configured, source: 'CHROMIUM_PATH' } : null;
  const system = systemCandidates(probes.platform, probes.env).find((file) => probes.exists(file));
  if (system) return { path: system, source: 'system' };
  const playwright = probes.playwrightExecutable();
  return playwright && probes.exists(playwright) ? { path: playwright, source: 'playwright' } : null;
}

/** @typedef {{ label: string, commands: string[][] } | { label: string, skipped: string }} ProvisioningStep */

/** @type {((probes: Probes) => ProvisioningStep)[]} */
const PROVISIONING_STEPS = [
  () => ({ label: '`npx playwright install chromium`', commands: [['npx', 'playwright', 'install', 'chromium']] }),
  (probes) => {
    if (probes.platform !== 'linux' || !probes.exists('/usr/bin/apt-get')) return { label: '`apt-get install chromium`', skipped: 'this system has no apt-get' };
    const asRoot = probes.isRoot();
    // `sudo -n` fails at once instead of prompting for a password.
    if (!asRoot && !probes.run('sudo', ['-n', 'true'])) {
      return { label: '`apt-get install chromium`', skipped: 'installing a system package needs root or passwordless sudo' };
    }
    const apt = [...(asRoot ? [] : ['sudo', '-n']), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
    return {
      label: `\`${asRoot ? '' : 'sudo '}apt-get install chromium\``,
      // A fresh system has no package lists yet.
      commands: [[...apt, 'update'], [...apt, 'install', '-y', '--no-install-recommends', 'chromium']],
    };
  },
];

/**
 * A browser for the end-to-end tests: an installed one, else one installed now by the first way that works.
 * With `provision`, installs even when one is found (a real run of the provisioning on a machine that has a browser).
 * @param {Probes} probes
 * @param {{ provision?: boolean }} [options]
 * @returns {BrowserResult}
 */
export function obtainBrowser(probes, { provision = false } = {}) {
  const configured = probes.env.CHROMIUM_PATH;
  if (configured && !probes.exists(configured)) {
    return { ok: false, message: `CHROMIUM_PATH is set to ${configured}, but there is no file there. Point it at a Chromium or Chrome executable, or unset it to let \`npm test\` find or install one.` };
  }
  const found = provision ? null : locateBrowser(probes);
  if (found) return { ok: true, ...found };

  probes.log(provision ? 'Installing a Chromium (--provision).' : 'No Chromium found for the end-to-end tests; installing one.');
  /** @type {string[]} */
  const outcomes = [];
  for (const nextStep of PROVISIONING_STEPS) {
    const step = nextStep(probes);
    if ('skipped' in step) {
      outcomes.push(`${step.label} was not tried (${step.skipped})`);
      continue;
    }
    probes.log(`Trying ${step.label}.`);
    const ran = step.commands.every(([command, ...args]) => probes.run(/** @type {string} */ (command), args));
    const installed = ran ? locateBrowser(probes) : null;
    if (installed) return { ok: true, ...installed };
    outcomes.push(`${step.label} ${ran ? 'ran but no browser appeared' : 'failed'}`);
  }
  return { ok: false, message: failureParagraph(probes, outcomes) };
}

/** One paragraph: where we looked, what we tried, what the user can run. */
function failureParagraph(/** @type {Probes} */ probes, /** @type {string[]} */ outcomes) {
  const looked = [...systemCandidates(probes.platform, probes.env), probes.playwrightExecutable() ?? "Playwright's browser folder"].join(', ');
  const fixes = ['`npx playwright install chromium` on a network that reaches cdn.playwright.dev'];
  if (probes.platform === 'linux') fixes.push('`sudo apt-get install chromium` (Debian/Ubuntu; `dnf install chromium` on Fedora)');
  fixes.push('install Chrome or Chromium and set CHROMIUM_PATH to its executable');
  return (
    `The end-to-end tests need Chromium and none could be found or installed. Looked at CHROMIUM_PATH (unset), ${looked}; ` +
    `${outcomes.join('; ')}. To fix it, run one of: ${fixes.join(', or ')}; then run \`npm test\` again.`
  );
}

/** @returns {Probes} */
export function machineProbes() {
  const requireHere = createRequire(import.meta.url);
  return {
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    // Windows runs `npx` as npx.cmd, which only a shell finds.
    run: (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status === 0,
    isRoot: () => process.getuid?.() === 0,
    playwrightExecutable: () => {
      try {
        // Playwright's registry knows its browser's path for this version, and honours PLAYWRIGHT_BROWSERS_PATH.
        return requireHere('playwright-core').chromium.executablePath();
      } catch {
        return undefined;
      }
    },
    log: (line) => console.log(`test-browser: ${line}`),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--provision');
  if (unknown.length) {
    console.error(`test-browser: unknown argument ${unknown[0]} (only --provision)`);
    process.exit(2);
  }
  const result = obtainBrowser(machineProbes(), { provision: args.includes('--provision') });
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
  console.log(`${result.path} (${result.source})`);
}
