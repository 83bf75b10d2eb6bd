import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src-main/db/database';
import { migrations } from '../../../src-main/db/migrations';

const DRAFT_IDEAS = migrations.findIndex((sql) => sql.includes("CHECK (account_id IS NOT NULL OR status = 'draft')"));

/** A database as the release before draft ideas left it: one account, one published post and its attempts. */
function databaseBeforeDraftIdeas(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, DRAFT_IDEAS));
  db.prepare(
    `INSERT INTO accounts (id, environment, ig_user_id, username, account_type, scopes, consent_at, connected_at, updated_at, token_issued_at, token_expires_at)
     VALUES ('acc', 'sandbox', '1784', 'maya.makes', 'MEDIA_CREATOR', '[]', 1, 1, 1, 1, 2)`,
  ).run();
  db.prepare(
    `INSERT INTO posts (id, account_id, environment, kind, caption, media, mode, status, step, ig_media_id, created_at, updated_at, reel_cover)
     VALUES ('p1', 'acc', 'sandbox', 'image', 'Sourdough', '[{"url":"https://cdn.example/a.jpg"}]', 'automatic', 'published', 'finished', '1790', 10, 20, NULL)`,
  ).run();
  const attempt = db.prepare(`INSERT INTO publish_attempts (post_id, at, step, outcome, detail) VALUES ('p1', ?, ?, 'ok', ?)`);
  attempt.run(11, 'container_created', 'container 1');
  attempt.run(12, 'published', 'media 1790');
  return db;
}

describe('the draft ideas migration', () => {
  it('keeps every post and attempt, starts each post at version 1, and lets only a draft lack an account', () => {
    expect(DRAFT_IDEAS).toBeGreaterThan(0);
    const db = databaseBeforeDraftIdeas();
    migrate(db);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare('SELECT id, account_id, caption, status, ig_media_id, created_at, updated_at, version FROM posts').all()).toEqual([
      { id: 'p1', account_id: 'acc', caption: 'Sourdough', status: 'published', ig_media_id: '1790', created_at: 10, updated_at: 20, version: 1 },
    ]);
    expect(db.prepare('SELECT id, post_id, step FROM publish_attempts ORDER BY id').all()).toEqual([
      { id: 1, post_id: 'p1', step: 'container_created' },
      { id: 2, post_id: 'p1', step: 'published' },
    ]);
    // The attempts still belong to posts: deleting the post deletes them.
    expect(db.pragma('foreign_key_list(publish_attempts)')).toEqual([expect.objectContaining({ table: 'posts', on_delete: 'CASCADE' })]);
    const idea = db.prepare(
      `INSERT INTO posts (id, account_id, environment, kind, caption, media, mode, status, created_at, updated_at) VALUES (?, NULL, 'sandbox', 'image', 'An idea', '[]', 'automatic', ?, 1, 1)`,
    );
    expect(() => idea.run('idea', 'draft')).not.toThrow();
    expect(() => idea.run('not-an-idea', 'scheduled')).toThrow(/CHECK constraint/);
    db.prepare("DELETE FROM posts WHERE id = 'p1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM publish_attempts').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
