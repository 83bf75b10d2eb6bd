import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFailure } from '../../../src-main/config/failure';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/db/database';
import { migrations } from '../../../src-main/db/migrations';

const tables = (db: BetterSqlite3.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);

describe('migrate', () => {
  it('brings a new database to the latest version', () => {
    const db = openDatabase(':memory:');
    expect(migrations.length).toBeGreaterThan(0);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tables(db)).toEqual(expect.arrayContaining(['accounts', 'secrets', 'vault_keys', 'settings']));
    db.close();
  });

  it('runs each migration once, so running it again changes nothing', () => {
    const db = new BetterSqlite3(':memory:');
    const steps = ['CREATE TABLE one (x INTEGER)', 'CREATE TABLE two (y INTEGER)'];
    migrate(db, steps);
    expect(schemaVersion(db)).toBe(2);
    // CREATE TABLE without IF NOT EXISTS: a second run would fail if it re-ran anything.
    expect(() => migrate(db, steps)).not.toThrow();
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['one', 'two']);
    db.close();
  });

  it('is a no-op on an up-to-date database', () => {
    const db = openDatabase(':memory:');
    const before = tables(db);
    migrate(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tables(db)).toEqual(before);
    db.close();
  });

  it('applies only the migrations past the stored version', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, ['CREATE TABLE one (x INTEGER)']);
    migrate(db, ['CREATE TABLE one (x INTEGER)', 'CREATE TABLE two (y INTEGER)']);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['one', 'two']);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE future (z INTEGER)');
    db.pragma(`user_version = ${migrations.length + 1}`);
    let thrown: unknown;
    try {
      migrate(db);
    } catch (error) {
      thrown = error;
    }
    expect(isFailure(thrown)).toBe(true);
    expect((thrown as { code: string }).code).toBe('database_too_new');
    expect(schemaVersion(db)).toBe(migrations.length + 1);
    expect(tables(db)).toEqual(['future']);
    db.close();
  });
});

describe('openDatabase on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postdeck-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL, syncs every commit fully, and enforces foreign keys', () => {
    const db = openDatabase(join(dir, 'postdeck.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('keeps its data and version across reopening', () => {
    const file = join(dir, 'postdeck.db');
    const first = openDatabase(file);
    first.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('k', 'v');
    first.close();
    const second = openDatabase(file);
    expect(schemaVersion(second)).toBe(migrations.length);
    expect(second.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('k')).toBe('v');
    second.close();
  });

  it('refuses a newer database file without migrating it', () => {
    const file = join(dir, 'postdeck.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (z INTEGER)');
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ name: 'PostdeckFailure', code: 'database_too_new' }));
    const check = new BetterSqlite3(file, { readonly: true });
    expect(schemaVersion(check)).toBe(migrations.length + 5);
    expect(tables(check)).toEqual(['future']);
    // Not even its journal mode was switched to WAL.
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });
});
