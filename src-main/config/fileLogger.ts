import fs from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from './logger';

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * JSON lines to `<dir>/<name>` and to `echo` (the desktop app: stderr; `serve`: stdout). A log over
 * `maxBytes` (5 MB) becomes `<name>.1`, one generation kept: at start, and while running, since `serve`
 * may run for months. If the file cannot be opened, `echo` alone still works.
 */
export function createFileLogger(
  dir: string,
  echo: (line: string) => void,
  name = 'postdeck.log',
  maxBytes = MAX_LOG_BYTES,
): { logger: Logger; file: string | null; close(): Promise<void> } {
  const file = path.join(dir, name);
  let stream: fs.WriteStream | null = null;
  let size = 0;
  /** Streams that were ended, still writing out their queued lines. */
  const ending: Array<Promise<void>> = [];
  const end = (ended: fs.WriteStream) => ending.push(new Promise((resolve) => ended.end(resolve)));
  /** Opens the log for appending; `rotate` moves the current one to `<name>.1` first (also done at start when it is too large). */
  const open = (rotate: boolean) => {
    try {
      if (rotate || (fs.existsSync(file) && fs.statSync(file).size > maxBytes)) fs.renameSync(file, `${file}.1`);
    } catch {
      // Not moved (gone, or held by the system): keep appending to it.
    }
    try {
      size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      // Opened now, not on a later tick: the next rotation must find this file at its name.
      const opened = fs.createWriteStream('', { fd: fs.openSync(file, 'a', 0o600) });
      opened.on('error', () => {
        if (stream === opened) stream = null;
      });
      stream = opened;
    } catch {
      stream = null;
    }
  };
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // it may create the data folder too: owner-only
    open(false);
  } catch {
    stream = null;
  }
  const logger = createLogger((line) => {
    const bytes = Buffer.byteLength(line) + 1;
    if (stream && size + bytes > maxBytes && size > 0) {
      // The old stream finishes its queued lines into the file it had open, which is renamed under it.
      end(stream);
      stream = null;
      open(true);
    }
    if (stream) {
      stream.write(`${line}\n`);
      size += bytes;
    }
    echo(line);
  });
  return {
    logger,
    file: stream ? file : null,
    /** Resolves once every line is in its file. */
    close: async () => {
      if (stream) end(stream);
      stream = null;
      await Promise.all(ending);
    },
  };
}
