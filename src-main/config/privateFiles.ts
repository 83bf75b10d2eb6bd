import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Owner-only: the data folder holds sealed tokens and, on the browser host, the key that opens them. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder owner-only. An existing folder is tightened only when it is evidently
 * Postdeck's own: empty, or already holding `ownFile` (the database, so an older install with a 0755
 * folder is fixed on upgrade). Any other folder someone pointed Postdeck at keeps its mode; the files
 * Postdeck writes into it are owner-only regardless.
 */
export function preparePrivateFolder(dir: string, ownFile: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const ours = readdirSync(dir).length === 0 || existsSync(join(dir, ownFile));
  if (ours && (statSync(dir).mode & 0o777) !== PRIVATE_FOLDER_MODE) chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/** Creates `file` empty and owner-only if it does not exist yet. Returns whether it created it. */
export function createPrivateFile(file: string): boolean {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Makes each existing file owner-only (left by an older version, or created under a loose umask). */
export function restrictToOwner(files: readonly string[]): void {
  for (const file of files) {
    if (existsSync(file) && (statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
  }
}

/** Makes `dir` and everything under it owner-only (media copied in by an older version under a loose umask). */
export function restrictTreeToOwner(dir: string): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, PRIVATE_FOLDER_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory()) chmodSync(join(entry.parentPath, entry.name), PRIVATE_FOLDER_MODE);
    else if (entry.isFile()) chmodSync(join(entry.parentPath, entry.name), PRIVATE_FILE_MODE);
  }
}
