/**
 * Electron entry (bundled to dist-main/main.cjs): the desktop app, or the command line when the installed
 * binary is run as `postdeck serve`, `postdeck status`… All wiring is in desktop.ts and cliMode.ts so tests can drive it.
 */
import { createApp } from '../app/createApp';
import { runCliProcess } from '../cli/main';
import { cliArguments, runCliMode } from './cliMode';
import { runDesktop } from './desktop';

const cliArgs = cliArguments(process.argv, process.defaultApp === true);
if (cliArgs) runCliMode(cliArgs, { runCliProcess, env: process.env });
else runDesktop({ createApp });
