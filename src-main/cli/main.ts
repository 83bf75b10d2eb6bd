import { parseArgs } from 'node:util';
import { startFailureText } from '../host/startFailure';
import { ownerDataDir } from '../host/dataDir';
import { nodeProcessHost, type Env, type ProcessHost, type StartServe } from '../host/processHost';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { CliContext, CliExit, EXIT } from './context';

const out = (text: string) => void process.stdout.write(text);
const err = (text: string) => void process.stderr.write(text);

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.join(' ').length));
  return [
    'postdeck: publish to Instagram from the command line, through the Postdeck that owns the data folder.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.join(' ').padEnd(width)}  ${command.summary}`),
    '',
    'Every command takes --json (output for scripts) and --help. The data folder is POSTDECK_DATA_DIR, else the desktop app\'s.',
    'Exit codes: 0 ok, 1 refused (code and sentence on stderr), 2 usage, 3 no Postdeck running.',
    '',
  ].join('\n');
}

function help(command: Command): string {
  return `${command.summary}\n\nUsage: ${command.usage}\nExample: ${command.example}\n`;
}

/** The longest command whose words start argv, and what follows them. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const matches = COMMANDS.filter((command) => command.name.every((word, index) => argv[index] === word));
  const command = matches.sort((a, b) => b.name.length - a.name.length)[0];
  return command ? { command, rest: argv.slice(command.name.length) } : null;
}

/** What starts the command line: a command's first word, or a bare `--help`. */
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

/**
 * Runs one CLI invocation and returns its exit code; long-running `serve` resolves once it is up.
 * `startServe` is the headless host, handed in by the entry point; without it `serve` is refused.
 */
export async function runCli(argv: string[], env: Env = process.env, processHost: ProcessHost = nodeProcessHost, startServe?: StartServe): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((command) => command.name[0] === argv[0]);
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
    if (group.length > 0) (wantsHelp ? out : err)(`${group.map(help).join('\n')}`);
    else if (wantsHelp) out(overview());
    else err(`Unknown command "${argv.join(' ')}".\n\n${overview()}`);
    return wantsHelp ? EXIT.ok : EXIT.usage;
  }
  const { command, rest } = found;
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    err(`${(error as Error).message}\n\n${help(command)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    out(help(command));
    return EXIT.ok;
  }
  const [min, max] = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    err(`Wrong number of arguments.\n\n${help(command)}`);
    return EXIT.usage;
  }
  if (command.name[0] === 'serve' && startServe) {
    await startServe({ insecureKeyFile: parsed.values['insecure-key-file'] === true, env, version: POSTDECK_VERSION, host: processHost });
    return EXIT.ok;
  }
  const context = new CliContext(ownerDataDir(env), parsed.values.json === true, out, err, env.POSTDECK_SOCKET?.trim() || undefined);
  try {
    await command.run(context, parsed.values, parsed.positionals);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof CliExit)) throw error;
    err(`${error.message}\n${error.code === EXIT.usage ? `\n${help(command)}` : ''}`);
    return error.code;
  } finally {
    context.close();
  }
}

/** Exits once everything written so far has reached stdout and stderr (a pipe may still hold it). */
function exitAfterOutput(host: ProcessHost, code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => host.exit(code)));
}

/**
 * The whole command line for a process: runs `argv`, then exits with its code. A `serve` that started
 * keeps running until its host's shutdown signal.
 */
export function runCliProcess(argv: string[], env: Env, host: ProcessHost, startServe: StartServe): void {
  let serving = false;
  const watched: ProcessHost = {
    ...host,
    onShutdown(stop) {
      serving = true;
      host.onShutdown(stop);
    },
  };
  runCli(argv, env, watched, startServe).then(
    (code) => {
      if (!serving) exitAfterOutput(host, code);
    },
    (error: unknown) => {
      err(startFailureText(error, `Postdeck could not ${argv[0] === 'serve' ? 'start' : 'finish'}`));
      exitAfterOutput(host, EXIT.refused);
    },
  );
}
