// `npm test`: builds, runs vitest (unit + integration) and Playwright (end to end), then prints one
// combined line, "Total: N passed, N failed, N skipped", whatever happened in between. First of all it makes
// sure there is a Chromium for Playwright, installing one if it must (scripts/test-browser.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { machineProbes, obtainBrowser } from './test-browser.mjs';

const browser = obtainBrowser(machineProbes());
if (!browser.ok) {
  console.error(browser.message);
  process.exit(1);
}
console.log(`End-to-end tests use ${browser.path} (found via ${browser.source}).`);

const results = '.cache/test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const run = (command, args, env = process.env) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32', env }).status ?? 1;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']) !== 0) {
  console.error('The build failed, so no tests ran.');
  process.exit(1);
}
const vitestStatus = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`]);
// playwright.config.ts launches the browser CHROMIUM_PATH names.
const playwrightStatus = run(npx, ['playwright', 'test'], { ...process.env, CHROMIUM_PATH: browser.path });

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const vitest = read(`${results}/vitest.json`);
const playwright = read(`${results}/playwright.json`);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
const missing = [!vitest && 'vitest', !playwright && 'playwright'].filter(Boolean);
if (missing.length) console.error(`No results from ${missing.join(' and ')}: it did not run to the end.`);

console.log(`\nTotal: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitestStatus !== 0 || playwrightStatus !== 0 || failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
