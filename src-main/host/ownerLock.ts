import { createHash } from 'node:crypto';
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { HostKind } from '../../src-shared/models';

export const LOCK_FILE = 'postdeck.lock';

/** Who owns a data folder: written into the lock file, read by a second owner and by the CLI. */
export interface OwnerRecord {
  pid: number;
  kind: HostKind;
  startedAt: string;
  socketPath: string;
}

/** A second owner on the same folder: says who holds it, so the user can stop that one. */
export class FolderOwnedError extends Error {
  override readonly name = 'FolderOwnedError';
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerRecord,
  ) {
    super(`Another Postdeck (${owner.kind}, pid ${owner.pid}, started ${owner.startedAt}) already owns ${dataDir}. Stop it first, or use another data folder (POSTDECK_DATA_DIR).`);
  }
}

/** The local socket's address for a data folder: a file inside it, or on Windows a named pipe derived from it. */
export function socketPathFor(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\postdeck-${createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 24)}`;
  return join(dataDir, 'postdeck.sock');
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folder's owner as its lock file says, or null when there is none or it is stale (its pid is gone). */
export function readOwner(dataDir: string): OwnerRecord | null {
  let record: OwnerRecord;
  try {
    record = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
  return Number.isInteger(record.pid) && isAlive(record.pid) ? record : null;
}

/**
 * Makes this process the one owner of `dataDir`, or throws FolderOwnedError. A lock left by a process
 * that died (crash, SIGKILL, power cut) is taken over. `release` removes the lock only while it is still ours.
 */
export function acquireOwnerLock(dataDir: string, kind: HostKind, now: Date = new Date()): { owner: OwnerRecord; release(): void } {
  const file = join(dataDir, LOCK_FILE);
  const owner: OwnerRecord = { pid: process.pid, kind, startedAt: now.toISOString(), socketPath: socketPathFor(dataDir) };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(dataDir);
      if (holder) throw new FolderOwnedError(dataDir, holder);
      unlinkStale(file);
      continue;
    }
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    closeSync(fd);
    return {
      owner,
      release: () => {
        if (readOwner(dataDir)?.pid === process.pid) unlinkStale(file);
      },
    };
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing.`);
}

function unlinkStale(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
