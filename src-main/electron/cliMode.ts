import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import type { runCliProcess } from '../cli/main';
import { COMMANDS } from '../cli/commands';
import type { ProcessHost } from '../host/processHost';
import { ownElectronBinding } from './nativeBinding';

/** What may start the command line: a command's first word, or a bare `--help`. */
const CLI_WORDS = new Set([...COMMANDS.map((command) => command.name[0]!), '--help', '-h']);

/**
 * The command line when the installed app's binary is run as `postdeck serve`, `Postdeck accounts list`…:
 * the arguments from the command's first word on, or null for a desktop launch. Chromium switches
 * (`--ozone-platform=headless`) may come first; anything else (macOS's `-psn_…`, a file) means the desktop.
 * `defaultApp` is true when a development `electron .` run puts the app folder in argv[1].
 */
export function cliArguments(argv: readonly string[], defaultApp: boolean): string[] | null {
  const args = argv.slice(defaultApp ? 2 : 1);
  let first = 0;
  while (first < args.length && args[first]!.startsWith('--') && !CLI_WORDS.has(args[first]!)) first++;
  return first < args.length && CLI_WORDS.has(args[first]!) ? args.slice(first) : null;
}

export interface CliModeDeps {
  runCliProcess: typeof runCliProcess;
  env: Record<string, string | undefined>;
}

/**
 * The installed app as a command (its runAsNode fuse is off, so it cannot run dist-main/cli.cjs): no window,
 * no dock icon, no GPU and, on Linux, no display needed, so `postdeck serve` runs on a server. SQLite loads
 * the Electron build the app ships. Chromium's own files go to a throwaway folder, not the data folder a
 * running desktop app may be using.
 */
export function runCliMode(args: string[], { runCliProcess, env }: CliModeDeps): void {
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
  runCliProcess(args, env, host);
}
