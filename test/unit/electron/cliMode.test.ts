import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { app, fakeEvent, resetFakes } from './fakeElectron';
import type { ProcessHost } from '../../../src-main/host/processHost';
import { cliArguments } from '../../../src-main/cli/main';
import { runCliMode } from '../../../src-main/electron/cliMode';
import { resolveNativeBinding } from '../../../src-main/electron/nativeBinding';

describe('cliArguments: the installed binary as a command or as the desktop app', () => {
  it('takes the command from a packaged launch and from a development `electron .` run', () => {
    expect(cliArguments(['/usr/bin/postdeck', 'serve'], false)).toEqual(['serve']);
    expect(cliArguments(['/opt/Postdeck/postdeck', 'posts', 'list', '--status', 'pending_manual', '--json'], false)).toEqual(['posts', 'list', '--status', 'pending_manual', '--json']);
    expect(cliArguments(['/repo/node_modules/electron/dist/electron', '.', 'accounts', 'list'], true)).toEqual(['accounts', 'list']);
    expect(cliArguments(['/usr/bin/postdeck', '--help'], false)).toEqual(['--help']);
  });

  it('lets Chromium switches come before the command', () => {
    expect(cliArguments(['/usr/bin/postdeck', '--ozone-platform=headless', '--disable-gpu', 'serve', '--insecure-key-file'], false)).toEqual(['serve', '--insecure-key-file']);
  });

  it('leaves every other launch to the desktop app', () => {
    expect(cliArguments(['/usr/bin/postdeck'], false)).toBeNull();
    expect(cliArguments(['/repo/node_modules/electron/dist/electron', '.'], true)).toBeNull();
    expect(cliArguments(['/usr/bin/postdeck', '--no-sandbox'], false)).toBeNull();
    expect(cliArguments(['/Applications/Postdeck.app/Contents/MacOS/Postdeck', '-psn_0_4242'], false)).toBeNull();
    expect(cliArguments(['/usr/bin/postdeck', '/home/maya/serve'], false)).toBeNull();
    // The app folder of a development run is not mistaken for a command.
    expect(cliArguments(['/repo/node_modules/electron/dist/electron', 'serve'], true)).toBeNull();
  });
});

describe('runCliMode', () => {
  let host: ProcessHost;
  let args: string[];
  const signalListeners = () => ({ SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') });
  let before: ReturnType<typeof signalListeners>;

  beforeEach(() => {
    resetFakes();
    before = signalListeners();
    runCliMode(['serve'], {
      env: { POSTDECK_DATA_DIR: '/srv/postdeck' },
      runCommandLine: (argv, env, processHost) => {
        expect(env).toEqual({ POSTDECK_DATA_DIR: '/srv/postdeck' });
        args = argv;
        host = processHost;
      },
    });
  });

  afterEach(() => {
    host.exit(0);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  });

  it('runs the command with no window, no GPU and, on Linux, no display', () => {
    expect(args).toEqual(['serve']);
    expect(app.disableHardwareAcceleration).toHaveBeenCalled();
    expect(app.dock.hide).toHaveBeenCalled();
    if (process.platform === 'linux') expect(app.commandLine.switches.get('ozone-platform')).toBe('headless');
  });

  it("loads SQLite through the Electron build the app ships, not Node's", () => {
    expect(host.sqliteNativeBinding).toBe(
      resolveNativeBinding({
        isPackaged: false,
        appPath: app.getAppPath(),
        resourcesPath: '/unused',
        target: { runtime: 'electron', abi: process.versions.modules, platform: process.platform, arch: process.arch },
      }),
    );
  });

  it("keeps Chromium's own files out of the data folder, in a folder removed on exit", () => {
    const chromiumDir = app.setPath.mock.calls.find(([name]) => name === 'userData')?.[1] as string;
    expect(path.dirname(chromiumDir)).not.toBe('/srv/postdeck');
    expect(existsSync(chromiumDir)).toBe(true);
    host.exit(3);
    expect(existsSync(chromiumDir)).toBe(false);
    expect(app.exit).toHaveBeenCalledWith(3);
  });

  it("holds Electron's quit (its answer to SIGTERM) until serve has stopped, and hears the signals themselves", () => {
    const stop = vi.fn();
    host.onShutdown(stop);
    const quit = fakeEvent();
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect(stop).toHaveBeenCalledWith('quit');
    const added = process.listeners('SIGTERM').filter((listener) => !before.SIGTERM.includes(listener));
    expect(added).toHaveLength(1);
    added[0]!('SIGTERM');
    expect(stop).toHaveBeenLastCalledWith('SIGTERM');
  });
});
