import { readFileSync } from 'node:fs';

/**
 * The passphrase for the sealed key: the first line of POSTDECK_PASSPHRASE_FILE (a systemd credential,
 * a file only the service user reads), else typed at a prompt that does not echo.
 */
export async function readPassphrase(env: Record<string, string | undefined>, question = 'Postdeck passphrase: '): Promise<string> {
  const file = env.POSTDECK_PASSPHRASE_FILE?.trim();
  if (file) return firstLine(readFileSync(file, 'utf8'));
  if (!process.stdin.isTTY) {
    throw new Error('No passphrase: set POSTDECK_PASSPHRASE_FILE to a file holding it, or run in a terminal to type it.');
  }
  return promptHidden(question);
}

export function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

/** Reads one line from the terminal in raw mode, printing nothing of what is typed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('Cancelled.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
