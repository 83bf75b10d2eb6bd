import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../unit/electron/fakeElectron'));

import { app, fakeEvent, resetFakes } from '../../unit/electron/fakeElectron';
import { OwnerClient } from '../../../src-main/cli/client';
import { runCliMode } from '../../../src-main/electron/cliMode';
import { runCommandLine } from '../../../src-main/entries/commandLine';
import { nativeBindingRelativePath } from '../../../src-main/electron/nativeBinding';

/** better-sqlite3's own build: loadable here, where no Electron build of it can run. */
const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

/**
 * The installed app's binary run as `postdeck serve`, with Electron faked: the same serve, its SQLite loaded
 * from the binding the app ships (here better-sqlite3's own build placed where the Electron one would be).
 */
describe('postdeck serve from the installed app', () => {
  let dir: string;
  let appPath: string;
  let env: Record<string, string>;
  let dataDir: string;
  let stdout: string;
  let onStdout: (() => void) | null;
  let stderr: string;

  beforeEach(() => {
    resetFakes();
    dir = mkdtempSync(join(tmpdir(), 'postdeck-electron-serve-'));
    appPath = join(dir, 'app');
    writeFileSync(join(dir, 'passphrase'), 'a long passphrase for the test\n', { mode: 0o600 });
    dataDir = join(dir, 'data');
    env = { POSTDECK_DATA_DIR: dataDir, POSTDECK_PASSPHRASE_FILE: join(dir, 'passphrase') };
    app.getAppPath.mockReturnValue(appPath);
    stdout = '';
    stderr = '';
    onStdout = null;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stdout += String(chunk);
      onStdout?.();
      (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stderr += String(chunk);
      (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    app.getAppPath.mockReturnValue('/opt/postdeck-dev');
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves with the code the binary exits with (app.exit). */
  const exited = () => new Promise<number>((resolve) => app.exit.mockImplementation((code: number) => resolve(code)));
  /** Resolves once serve prints that it is up. */
  const started = () =>
    new Promise<void>((resolve) => {
      onStdout = () => {
        if (stdout.includes('Postdeck serve:')) resolve();
      };
    });

  it('serves the data folder with the shipped SQLite build, answers the CLI, and stops on quit with the folder released', async () => {
    const binding = join(appPath, ...nativeBindingRelativePath({ runtime: 'electron', abi: process.versions.modules, platform: process.platform, arch: process.arch }).split('/'));
    mkdirSync(dirname(binding), { recursive: true });
    symlinkSync(nodeBuild, binding);
    const up = started();
    const exit = exited();
    runCliMode(['serve'], { runCommandLine, env });
    await up;
    expect(stdout).toContain(`Postdeck serve: sandbox mode, data ${dataDir}`);

    const client = await OwnerClient.open(join(dataDir, 'postdeck.sock'));
    const info = await client.call<{ mode: string }>('app.info');
    client.close();
    expect(info).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
    expect(existsSync(join(dataDir, 'postdeck.lock'))).toBe(true);

    // What Electron does with SIGTERM: a quit, held until the database is closed.
    const quit = fakeEvent();
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect(await exit).toBe(0);
    expect(existsSync(join(dataDir, 'postdeck.lock'))).toBe(false);
    expect(stderr).toBe('');
  }, 60_000);

  it('refuses to start, and releases the folder, when the SQLite build the app ships is missing', async () => {
    const exit = exited();
    runCliMode(['serve'], { runCommandLine, env });
    expect(await exit).toBe(1);
    expect(stderr).toMatch(/^Postdeck could not start: .*better_sqlite3\.node/);
    expect(existsSync(join(dataDir, 'postdeck.lock'))).toBe(false);
  }, 60_000);

  it('runs a one-off command and exits with its code', async () => {
    const exit = exited();
    runCliMode(['status', '--json'], { runCommandLine, env });
    expect(await exit).toBe(3);
    expect(stderr).toContain('No Postdeck is running');
  });
});
