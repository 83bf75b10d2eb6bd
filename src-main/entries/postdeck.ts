import { nodeProcessHost } from '../host/processHost';
import { runCommandLine } from './commandLine';

/** `postdeck` under Node (dist-main/cli.cjs); the installed app's binary enters through electronMain.ts. */
runCommandLine(process.argv.slice(2), process.env, nodeProcessHost);
