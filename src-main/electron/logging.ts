import type { Logger } from '../config/logger';
import { createFileLogger } from '../config/fileLogger';

/** JSON lines to `<dir>/postdeck.log` and to stderr (see createFileLogger). */
export function createDesktopLogger(dir: string): { logger: Logger; file: string | null; close(): void } {
  return createFileLogger(dir, (line) => process.stderr.write(`${line}\n`));
}
