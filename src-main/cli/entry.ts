import { nodeProcessHost } from '../host/processHost';
import { runCliProcess } from './main';

/** `postdeck` under Node (dist-main/cli.cjs); the installed app's binary enters through electron/cliMode.ts. */
runCliProcess(process.argv.slice(2), process.env, nodeProcessHost);
