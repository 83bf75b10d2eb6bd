import { isFailure } from '../config/failure';
import { EXIT } from './context';
import { runCli } from './main';

/** `postdeck` (dist-main/cli.cjs). */
const err = (text: string) => void process.stderr.write(text);

/** For `serve`: what stops it from starting, in a sentence and an action. */
function startFailureText(error: unknown): string {
  if (isFailure(error)) return [error.error.message, error.error.detail, error.error.action].filter(Boolean).join('\n');
  return error instanceof Error ? error.message : String(error);
}

runCli(process.argv.slice(2)).then(
  (code) => {
    // `serve` keeps running on its handles; every other command ends when its output is written.
    process.exitCode = code;
  },
  (error: unknown) => {
    err(`Postdeck could not ${process.argv[2] === 'serve' ? 'start' : 'finish'}: ${startFailureText(error)}\n`);
    process.exit(EXIT.refused);
  },
);
