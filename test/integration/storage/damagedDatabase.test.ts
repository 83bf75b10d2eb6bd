import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { isFailure } from '../../../src-main/config/failure';
import { openDatabase, schemaVersion } from '../../../src-main/db/database';
import { moveDamagedDatabaseAside } from '../../../src-main/db/damagedDatabase';
import { migrations } from '../../../src-main/db/migrations';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-damaged-'));
  file = join(dir, 'postdeck.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A real SQLite file with a table and an index spread over many pages, fully checkpointed. */
function writeValidDatabase(): Buffer {
  const db = new BetterSqlite3(file);
  db.exec('CREATE TABLE notes (body TEXT); CREATE INDEX notes_body ON notes (body)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${'x'.repeat(100)}`);
  })();
  db.close();
  return readFileSync(file);
}

function openFailure(): unknown {
  try {
    openDatabase(file).close();
  } catch (error) {
    return error;
  }
  return null;
}

describe('a damaged database file', () => {
  const cases: Array<[string, () => Buffer]> = [
    ['a file that is not SQLite', () => Buffer.from('these are not the bytes of a database\n'.repeat(200))],
    ['a truncated SQLite file', () => writeValidDatabase().subarray(0, 64 * 1024)],
    [
      'a SQLite file with a corrupted page',
      () => {
        const bytes = Buffer.from(writeValidDatabase());
        const pageSize = bytes.readUInt16BE(16);
        bytes.fill(0xff, pageSize * 3, pageSize * 3 + 200); // a b-tree page header and its first cells
        return bytes;
      },
    ],
  ];

  it.each(cases)('%s is refused as database_damaged, with its path, and left byte for byte as it was', (_label, make) => {
    const bytes = make();
    writeFileSync(file, bytes);
    const error = openFailure();
    expect(isFailure(error)).toBe(true);
    expect(error).toMatchObject({ code: 'database_damaged', error: { detail: file } });
    expect((error as Error).cause).toEqual(expect.any(String));
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('-wal'))).toEqual([]);
  });

  it('opens a healthy file as before', () => {
    writeValidDatabase();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });
});

describe('moveDamagedDatabaseAside', () => {
  const clock = new ManualClock(Date.UTC(2026, 2, 4, 5, 6, 7, 890));

  it('renames the file and its -wal and -shm, deletes nothing, and a fresh database then opens', () => {
    const contents = { '': 'main', '-wal': 'log', '-shm': 'shared' };
    for (const [suffix, text] of Object.entries(contents)) writeFileSync(`${file}${suffix}`, text);
    const moved = moveDamagedDatabaseAside(file, clock);
    const aside = `${file}.damaged-20260304T050607Z`;
    expect(moved).toEqual([aside, `${aside}-wal`, `${aside}-shm`]);
    for (const [suffix, text] of Object.entries(contents)) {
      expect(existsSync(`${file}${suffix}`)).toBe(false);
      expect(readFileSync(`${aside}${suffix}`, 'utf8')).toBe(text);
    }
    const fresh = openDatabase(file);
    expect(schemaVersion(fresh)).toBe(migrations.length);
    fresh.close();
  });

  it('moves only the files that exist, and never over an earlier set', () => {
    writeFileSync(file, 'first');
    const first = moveDamagedDatabaseAside(file, clock);
    writeFileSync(file, 'second');
    const second = moveDamagedDatabaseAside(file, clock);
    expect(first).toEqual([`${file}.damaged-20260304T050607Z`]);
    expect(second).toEqual([`${file}.damaged-20260304T050607Z-2`]);
    expect(readFileSync(first[0]!, 'utf8')).toBe('first');
    expect(readFileSync(second[0]!, 'utf8')).toBe('second');
  });
});
