import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { silentLogger } from '../../src-main/config/logger';
import { ManualClock } from '../../src-main/config/manualClock';
import { listenLocalSocket } from '../../src-main/host/localSocket';
import { acquireOwnerLock } from '../../src-main/host/ownerLock';
import { startSandbox, type Sandbox } from '../../src-main/sandbox';
import { startHarness, type Harness } from './harness';

/** Runs `postdeck <argv>` against `dataDir` as a terminal would, and what it wrote to stdout and stderr. */
export async function cli(dataDir: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv, { POSTDECK_DATA_DIR: dataDir });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Makes the app own its data folder and answer the CLI on the folder's socket, as `serve` does; returns what undoes that. */
export async function answerCli(harness: Harness): Promise<() => Promise<void>> {
  const lock = acquireOwnerLock(harness.dataDir, 'serve');
  const socket = await listenLocalSocket(lock.owner.socketPath, harness.app, silentLogger);
  return async () => {
    await socket.close();
    lock.release();
  };
}

/**
 * For a command-line test file: per test a ManualClock, a quiet sandbox on it and a scratch folder. Apps started
 * by `harness()`, or by `owner()` which also answers the CLI, close after each test; then the sandbox and folder go.
 */
export function cliWorkspace(folderPrefix: string): { readonly sandbox: Sandbox; readonly dir: string; harness(): Promise<Harness>; owner(): Promise<Harness> } {
  let clock: ManualClock;
  let sandbox: Sandbox;
  let dir: string;
  const stops: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
    sandbox = await startSandbox({ clock, quiet: true });
    dir = mkdtempSync(join(tmpdir(), folderPrefix));
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const harness = async () => {
    const h = await startHarness({ sandbox, clock });
    stops.push(() => h.close());
    return h;
  };
  return {
    get sandbox() {
      return sandbox;
    },
    get dir() {
      return dir;
    },
    harness,
    owner: async () => {
      const h = await harness();
      stops.push(await answerCli(h));
      return h;
    },
  };
}
