import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../../src-shared/comments';
import type { Account } from '../../../src-shared/models';
import { ManualClock } from '../../../src-main/config/manualClock';
import { migrate } from '../../../src-main/db/database';
import { migrations } from '../../../src-main/db/migrations';
import type { Harness } from '../../helpers/harness';
import { connectedWithOwnSandbox } from '../../helpers/ownSandbox';

const connectWithOwnSandbox = connectedWithOwnSandbox();

/** maya.makes, whose media (published in the Instagram app 1, 4, 7 and 400 days ago) carry seeded conversations, polled once. */
async function polled(): Promise<{ h: Harness; account: Account; threads: Comment[] }> {
  const started = await connectWithOwnSandbox({ clock: new ManualClock(Date.UTC(2026, 10, 1, 9)), outside: 4 });
  await started.h.value('comments.refresh', {});
  return { ...started, threads: await started.h.value<Comment[]>('comments.list', {}) };
}

const everything = (threads: Comment[]) => threads.flatMap((t) => [t, ...t.replies]);
const unreadCount = (h: Harness) => h.value<{ unread: number }>('comments.unreadCount', {}).then((r) => r.unread);
const changedEvents = (h: Harness) => h.events.filter((e) => e.name === 'comments.changed').length;

describe('read state', () => {
  it('starts unread for other people’s comments; the account’s own replies are read and counted nowhere', async () => {
    const { h, account, threads } = await polled();
    const all = everything(threads);
    const own = all.filter((c) => c.username === account.username);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.own && c.read)).toBe(true);
    const others = all.filter((c) => !c.own);
    expect(others.every((c) => !c.read)).toBe(true);
    expect(await unreadCount(h)).toBe(others.length);
    // Listing, however often, reads nothing.
    await h.value('comments.list', { unreadOnly: true });
    expect(await unreadCount(h)).toBe(others.length);
  });

  it('marks read and unread, per comment and per thread, keeps it across polls, and says so with comments.changed', async () => {
    const { h, threads } = await polled();
    const before = await unreadCount(h);
    const thread = threads.find((t) => t.replies.some((r) => !r.own))!;
    const ids = [thread, ...thread.replies].filter((c) => !c.own).map((c) => c.id);
    const events = changedEvents(h);

    expect(await h.value('comments.setRead', { commentIds: ids, read: true })).toEqual({ changed: ids.length });
    expect(changedEvents(h)).toBe(events + 1);
    expect(await unreadCount(h)).toBe(before - ids.length);
    expect((await h.value<Comment[]>('comments.list', { unreadOnly: true })).map((t) => t.id)).not.toContain(thread.id);
    // Marking again changes nothing and says nothing.
    expect(await h.value('comments.setRead', { commentIds: ids, read: true })).toEqual({ changed: 0 });
    expect(changedEvents(h)).toBe(events + 1);

    // One reply back to unread: the thread is listed as unread again, and a poll keeps both marks.
    await h.value('comments.setRead', { commentIds: [ids[1]!], read: false });
    await h.value('comments.refresh', {});
    const listed = (await h.value<Comment[]>('comments.list', { unreadOnly: true })).find((t) => t.id === thread.id)!;
    expect(listed.read).toBe(true);
    expect(listed.replies.find((r) => r.id === ids[1])?.read).toBe(false);
    expect(await unreadCount(h)).toBe(before - ids.length + 1);
  });

  it('never marks the account’s own comment unread', async () => {
    const { h, threads } = await polled();
    const own = everything(threads).find((c) => c.own)!;
    expect(await h.value('comments.setRead', { commentIds: [own.id], read: false })).toEqual({ changed: 0 });
    expect(everything(await h.value<Comment[]>('comments.list', {})).find((c) => c.id === own.id)?.read).toBe(true);
  });

  it('a reply reads the comment it answers; the reply itself is own and read', async () => {
    const { h, threads } = await polled();
    const thread = threads.find((t) => !t.read && !t.hidden)!;
    const reply = await h.value<Comment>('comments.reply', { commentId: thread.id, message: 'Thank you!' });
    expect(reply).toMatchObject({ own: true, read: true });
    expect((await h.value<Comment[]>('comments.list', {})).find((t) => t.id === thread.id)?.read).toBe(true);
  });

  it('counts one account, or every account of the current mode', async () => {
    const { h, account } = await polled();
    const all = await unreadCount(h);
    expect(await h.value('comments.unreadCount', { accountId: account.id })).toEqual({ unread: all });
    expect(await h.call('comments.unreadCount', { accountId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await h.call('comments.setRead', { commentIds: ['1'] })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});

describe('the read-state migration', () => {
  it('keeps every comment and read mark, and marks the account’s own comments read', () => {
    const db = new BetterSqlite3(':memory:');
    const before = migrations.findIndex((sql) => sql.includes('CREATE INDEX comments_unread'));
    expect(before).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, before));
    db.prepare(
      `INSERT INTO accounts (id, environment, ig_user_id, username, account_type, scopes, consent_at, connected_at, updated_at, token_issued_at, token_expires_at)
       VALUES ('a1', 'sandbox', '1784', 'maya.makes', 'MEDIA_CREATOR', '[]', 0, 0, 0, 0, 0)`,
    ).run();
    const insert = db.prepare<[string, string | null, string, number]>(
      `INSERT INTO comments (id, account_id, ig_media_id, parent_id, text, username, timestamp, read, fetched_at) VALUES (?, 'a1', '9', ?, 'hi', ?, '2026-11-01T09:00:00.000Z', ?, 0)`,
    );
    insert.run('1', null, 'mara.draws', 0);
    insert.run('2', '1', 'maya.makes', 0);
    insert.run('3', null, 'tom_outdoors', 1);

    migrate(db);

    const rows = db.prepare<[], { id: string; read: number; text: string }>('SELECT id, read, text FROM comments ORDER BY id').all();
    expect(rows).toEqual([
      { id: '1', read: 0, text: 'hi' },
      { id: '2', read: 1, text: 'hi' },
      { id: '3', read: 1, text: 'hi' },
    ]);
    const plan = db.prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM comments WHERE account_id = 'a1' AND read = 0").all();
    expect(plan.map((p) => p.detail).join(' ')).toContain('comments_unread');
    db.close();
  });
});
