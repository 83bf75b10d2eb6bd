import fs from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from './logger';

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * JSON lines to `<dir>/<name>` and to `echo` (the desktop app: stderr; `serve`: stdout). At start a log
 * over 5 MB becomes `<name>.1` (one generation kept). If the file cannot be opened, `echo` alone still works.
 */
export function createFileLogger(dir: string, echo: (line: string) => void, name = 'postdeck.log'): { logger: Logger; file: string | null; close(): void } {
  const file = path.join(dir, name);
  let stream: fs.WriteStream | null = null;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // it may create the data folder too: owner-only
    if (fs.existsSync(file) && fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
    stream = fs.createWriteStream(file, { flags: 'a', mode: 0o600 });
    stream.on('error', () => {
      stream = null;
    });
  } catch {
    stream = null;
  }
  const logger = createLogger((line) => {
    stream?.write(`${line}\n`);
    echo(line);
  });
  return {
    logger,
    file: stream ? file : null,
    close: () => stream?.end(),
  };
}
