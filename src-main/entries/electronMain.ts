/**
 * Electron entry (bundled to dist-main/main.cjs): the desktop app, or the command line when the installed
 * binary is run as `postdeck serve`, `postdeck status`… The desktop and the CLI are separate hosts; only
 * this entry knows both. All wiring is in electron/desktop.ts and electron/cliMode.ts so tests can drive it.
 */
import { createApp } from '../app/createApp';
import { cliArguments } from '../cli/main';
import { runCliMode } from '../electron/cliMode';
import { runDesktop } from '../electron/desktop';
import { runCommandLine } from './commandLine';

const cliArgs = cliArguments(process.argv, process.defaultApp === true);
if (cliArgs) runCliMode(cliArgs, { runCommandLine, env: process.env });
else runDesktop({ createApp });
