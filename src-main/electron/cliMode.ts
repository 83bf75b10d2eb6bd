import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import type { Env, ProcessHost, RunCommandLine } from '../host/processHost';
import { ownElectronBinding } from './nativeBinding';

export interface CliModeDeps {
  runCommandLine: RunCommandLine;
  env: Env;
}

/**
 * The installed app as a command (its runAsNode fuse is off, so it cannot run dist-main/cli.cjs): no window,
 * no dock icon, no GPU and, on Linux, no display needed, so `postdeck serve` runs on a server. SQLite loads
 * the Electron build the app ships. Chromium's own files go to a throwaway folder, not the data folder a
 * running desktop app may be using.
 */
export function runCliMode(args: string[], { runCommandLine, env }: CliModeDeps): void {
  app.disableHardwareAcceleration();
  if (process.platform === 'linux') {
    // Electron has already turned its platform hint into a value; replace it rather than add a second.
    app.commandLine.removeSwitch('ozone-platform');
    app.commandLine.appendSwitch('ozone-platform', 'headless');
  }
  app.dock?.hide();
  const chromiumDir = mkdtempSync(path.join(os.tmpdir(), 'postdeck-cli-'));
  app.setPath('userData', chromiumDir);

  const host: ProcessHost = {
    sqliteNativeBinding: ownElectronBinding(app),
    onShutdown(stop) {
      // Electron turns SIGINT and SIGTERM into a quit: hold it until serve has closed the database.
      app.on('before-quit', (event) => {
        event.preventDefault();
        stop('quit');
      });
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
    },
    exit(code) {
      rmSync(chromiumDir, { recursive: true, force: true });
      app.exit(code);
    },
  };
  runCommandLine(args, env, host);
}
