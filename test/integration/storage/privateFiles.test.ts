import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, DATABASE_FILE } from '../../../src-main/app/createApp';
import type { PostdeckApp } from '../../../src-main/app/types';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { createDesktopLogger } from '../../../src-main/electron/logging';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { fileKeyProtector } from '../../../src-main/vault/localProtectors';

const mode = (path: string) => statSync(path).mode & 0o777;
// POSIX permissions only: Windows has ACLs instead, and Node's chmod there only toggles read-only.
const posix = process.platform !== 'win32';

describe.runIf(posix)('the data folder and its files are owner-only', () => {
  let root: string;
  let sandbox: Sandbox;
  let app: PostdeckApp | null = null;
  let savedUmask: number;
  const clock = new ManualClock();

  beforeAll(async () => {
    sandbox = await startSandbox({ clock, quiet: true });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'postdeck-modes-'));
    // No umask to hide behind: every mode below is one Postdeck chose.
    savedUmask = process.umask(0);
  });
  afterEach(async () => {
    await app?.close();
    app = null;
    process.umask(savedUmask);
    rmSync(root, { recursive: true, force: true });
  });

  const start = (dataDir: string) =>
    createApp({
      host: 'web',
      version: 'test',
      dataDir,
      clock,
      logger: silentLogger,
      keyProtector: fileKeyProtector(join(root, 'web-host.key')),
      env: {},
      webCallbackUrl: 'http://127.0.0.1:9/oauth/instagram/callback',
      sandbox,
      backgroundTimers: false,
    });

  it('creates the folder 0700 and the database, its -wal and -shm, and the key file 0600', async () => {
    const dataDir = join(root, 'new', 'Postdeck');
    app = await start(dataDir);
    expect(mode(join(root, 'new'))).toBe(0o700);
    expect(mode(dataDir)).toBe(0o700);
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].map((name) => join(dataDir, name));
    for (const file of files) expect(existsSync(file), file).toBe(true);
    for (const file of [...files, join(root, 'web-host.key')]) expect([file, mode(file).toString(8)]).toEqual([file, '600']);
  });

  it("tightens an older install's loose folder and files", async () => {
    const dataDir = join(root, 'Postdeck');
    mkdirSync(dataDir, { mode: 0o755 });
    const file = join(dataDir, DATABASE_FILE);
    const old = new BetterSqlite3(file);
    old.pragma('journal_mode = WAL');
    old.close();
    chmodSync(file, 0o644);
    app = await start(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) expect(mode(join(dataDir, name))).toBe(0o600);
  });

  it('leaves the mode of a folder that is not evidently Postdeck’s own, but not of its own files', async () => {
    const shared = join(root, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    writeFileSync(join(shared, 'notes.txt'), 'the user’s own file');
    app = await start(shared);
    expect(mode(shared)).toBe(0o755);
    expect(mode(join(shared, DATABASE_FILE))).toBe(0o600);
  });

  it('the desktop log creates the data folder 0700 when it comes first', () => {
    const dataDir = join(root, 'Postdeck');
    createDesktopLogger(join(dataDir, 'logs')).close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'logs'))).toBe(0o700);
  });
});
