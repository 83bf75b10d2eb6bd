import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireOwnerLock, FolderOwnedError, LOCK_FILE, readOwner } from '../../../src-main/host/ownerLock';

/** The pid of a process that has exited (and been reaped): what a crashed owner leaves in its lock. */
function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  return new Promise((resolve) => child.on('exit', () => resolve(child.pid!)));
}

describe('owner lock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'postdeck-lock-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records pid, kind, start time and socket path, and refuses a second owner naming the first', () => {
    const lock = acquireOwnerLock(dataDir, 'serve', new Date('2026-11-25T07:00:00Z'));
    const stored = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'));
    expect(stored).toEqual({ pid: process.pid, kind: 'serve', startedAt: '2026-11-25T07:00:00.000Z', socketPath: join(dataDir, 'postdeck.sock') });
    let refusal: unknown;
    try {
      acquireOwnerLock(dataDir, 'desktop');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(FolderOwnedError);
    expect((refusal as Error).message).toContain(`serve, pid ${process.pid}`);
    lock.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const pid = await deadPid();
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid, kind: 'serve', startedAt: '2026-11-01T00:00:00Z', socketPath: 'gone' }));
    expect(readOwner(dataDir)).toBeNull();
    const lock = acquireOwnerLock(dataDir, 'desktop');
    expect(readOwner(dataDir)).toMatchObject({ pid: process.pid, kind: 'desktop' });
    lock.release();
  });

  it('leaves a lock alone that another owner took after ours went stale', () => {
    const lock = acquireOwnerLock(dataDir, 'serve');
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, kind: 'desktop', startedAt: '2026-11-25T08:00:00Z', socketPath: 'x' }));
    lock.release();
    expect(readOwner(dataDir)).toMatchObject({ pid: process.ppid });
  });
});
