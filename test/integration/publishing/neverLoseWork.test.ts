import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Post, PostStatus } from '../../../src-shared/posts';
import { DATABASE_FILE } from '../../../src-main/app/createApp';
import { HOUR, SECOND } from '../../../src-main/config/clock';
import { connectedPerTest, hostedImage } from '../../helpers/connectedApp';
import type { Harness } from '../../helpers/harness';

const withAccount = connectedPerTest();

const errorOf = (result: { ok: boolean; error?: { code: string; message?: string; action?: string; detail?: string } }) => (result.ok ? null : result.error);
const at = (h: Harness, ms: number) => new Date(h.clock.now() + ms).toISOString();
const get = (h: Harness, postId: string) => h.value<Post>('posts.get', { postId });


/** Runs every job due, moving the clock a minute at a time, for `ms`. */
async function runFor(h: Harness, ms: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += 60 * SECOND) {
    await h.app.jobsIdle();
    await h.clock.advanceAsync(60 * SECOND);
  }
  await h.app.jobsIdle();
}

describe('an edit made on an older version of a post', () => {
  it('is refused by name and changes nothing; without expectedVersion (the CLI) it still saves', async () => {
    const { h, account } = await withAccount();
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'First', media: [{ url: await hostedImage(h) }] });
    expect(post.version).toBe(1);
    const edited = await h.value<Post>('posts.update', { postId: post.id, expectedVersion: 1, caption: 'Edited in another window' });
    expect(edited.version).toBe(2);

    const stale = await h.call('posts.update', { postId: post.id, expectedVersion: 1, caption: 'Typed in the old composer', scheduledAt: at(h, HOUR) });
    expect(errorOf(stale)).toMatchObject({ code: 'post_changed', message: expect.stringContaining('changed since you opened it'), action: expect.stringContaining('Reload') });
    expect(await get(h, post.id)).toMatchObject({ caption: 'Edited in another window', status: 'draft', scheduledAt: null, version: 2 });

    const fromCli = await h.value<Post>('posts.update', { postId: post.id, caption: 'From the CLI' });
    expect(fromCli).toMatchObject({ caption: 'From the CLI', version: 3 });
  });

  it('is refused when the post went to the approval queue meanwhile, and when it was published', async () => {
    const { h, account } = await withAccount();
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Manual', media: [{ url: await hostedImage(h) }], mode: 'manual', scheduledAt: at(h, HOUR) });
    await runFor(h, HOUR + 60 * SECOND);
    const waiting = await get(h, post.id);
    expect(waiting.status).toBe<PostStatus>('pending_manual');
    expect(errorOf(await h.call('posts.update', { postId: post.id, expectedVersion: post.version, caption: 'old text' }))?.code).toBe('post_changed');

    await h.value('posts.approve', { postId: post.id });
    await runFor(h, 5 * 60 * SECOND);
    expect((await get(h, post.id)).status).toBe<PostStatus>('published');
    // The editor learns that it changed (and reloading shows it published), not a bare "not editable".
    expect(errorOf(await h.call('posts.update', { postId: post.id, expectedVersion: waiting.version, caption: 'old text' }))?.code).toBe('post_changed');
    expect((await get(h, post.id)).caption).toBe('Manual');
  });
});

describe('drafts', () => {
  it('an idea is saved with only a caption: no account, no media, no date; it is listed with the drafts', async () => {
    const { h } = await withAccount();
    const idea = await h.value<Post>('posts.create', { kind: 'image', caption: 'Behind the scenes at the bakery', media: [] });
    expect(idea).toMatchObject({ status: 'draft', accountId: null, media: [], scheduledAt: null });
    expect((await h.value<Post[]>('posts.list', { status: 'draft' })).map((p) => p.id)).toEqual([idea.id]);
    // Another window (or the CLI's caller) hears of it.
    expect(h.events).toContainEqual({ name: 'posts.changed', payload: { postId: idea.id, status: 'draft' } });
  });

  it('an idea cannot be scheduled or published until it has an account and media; then it can', async () => {
    const { h, account } = await withAccount();
    const idea = await h.value<Post>('posts.create', { kind: 'image', caption: 'An idea', media: [] });
    expect(errorOf(await h.call('posts.publishNow', { postId: idea.id }))).toMatchObject({ code: 'post_invalid', detail: 'Choose the account to publish to.' });
    expect(errorOf(await h.call('posts.update', { postId: idea.id, scheduledAt: at(h, HOUR) }))?.code).toBe('post_invalid');
    const noMedia = await h.call('posts.update', { postId: idea.id, accountId: account.id, scheduledAt: at(h, HOUR) });
    expect(errorOf(noMedia)?.detail).toMatch(/exactly one media item/);
    expect((await get(h, idea.id)).status).toBe('draft');

    const scheduled = await h.value<Post>('posts.update', { postId: idea.id, expectedVersion: idea.version, accountId: account.id, kind: 'image', media: [{ url: await hostedImage(h) }], scheduledAt: at(h, HOUR) });
    expect(scheduled).toMatchObject({ status: 'scheduled', accountId: account.id, caption: 'An idea' });
  });

  it('the scheduler never publishes a draft: neither an idea, nor a draft with everything, nor a post taken off the schedule', async () => {
    const { h, account } = await withAccount();
    const image = { url: await hostedImage(h) };
    const idea = await h.value<Post>('posts.create', { kind: 'image', caption: 'An idea', media: [] });
    const complete = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Ready, not scheduled', media: [image] });
    const unscheduled = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Taken back', media: [image], scheduledAt: at(h, HOUR) });
    await h.value('posts.update', { postId: unscheduled.id, scheduledAt: null });
    const goesOut = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Goes out', media: [image], scheduledAt: at(h, HOUR) });

    await runFor(h, 2 * HOUR);

    expect((await get(h, goesOut.id)).status).toBe('published');
    for (const draft of [idea, complete, unscheduled]) expect((await get(h, draft.id)).status).toBe('draft');
    const onInstagram = h.sandbox.world.publishing.mediaOf(account.igUserId).map((media) => media.caption);
    expect(onInstagram).toContain('Goes out');
    for (const draft of [idea, complete, unscheduled]) expect(onInstagram).not.toContain(draft.caption);
  });

  it('only a draft may lack an account: the database refuses anything else', async () => {
    const { h } = await withAccount();
    const idea = await h.value<Post>('posts.create', { kind: 'image', caption: 'An idea', media: [] });
    const db = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare("UPDATE posts SET status = 'scheduled' WHERE id = ?").run(idea.id)).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
