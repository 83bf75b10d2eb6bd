import { runCliProcess } from '../cli/main';
import { runServe } from '../headless/serve';
import type { RunCommandLine } from '../host/processHost';

/** The `postdeck` command line: the CLI, with `postdeck serve` starting the headless host. */
export const runCommandLine: RunCommandLine = (argv, env, host) => runCliProcess(argv, env, host, runServe);
