import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../src-renderer/bridge';
import { APPROVE_UNDO_MS, createPostsStore, followPostEvents, mergeList } from '../../../src-renderer/features/posts/store';
import { postsInTab, waitingCount } from '../../../src-renderer/features/posts/tabs';
import { appError } from '../../../src-shared/errors';
import type { Result } from '../../../src-shared/errors';
import type { EventMap } from '../../../src-shared/events';
import type { Post } from '../../../src-shared/posts';

const post = (id: string, patch: Partial<Post> = {}): Post => ({
  id,
  accountId: 'acc-1',
  kind: 'image',
  caption: `caption ${id}`,
  media: [{ url: `https://cdn.example/${id}.jpg` }],
  altText: null,
  firstComment: null,
  reelCover: null,
  collaborators: [],
  userTags: [],
  shareToFeed: true,
  audioName: null,
  trialReel: null,
  mode: 'automatic',
  status: 'scheduled',
  scheduledAt: '2026-07-01T09:00:00.000Z',
  publishedAt: null,
  igMediaId: null,
  permalink: null,
  error: null,
  pendingReason: null,
  retryAt: null,
  progress: null,
  firstCommentError: null,
  attempts: [],
  createdAt: '2026-06-01T09:00:00.000Z',
  updatedAt: '2026-06-01T09:00:00.000Z',
  version: 1,
  ...patch,
});

type Handler = (input: Record<string, unknown>) => Result<unknown> | Promise<Result<unknown>>;

/** A bridge that answers from `handlers`, records every call, and lets the test fire events. */
function fakeBridge(handlers: Record<string, Handler>) {
  const calls: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge = {
    invoke: async (channel: string, input: Record<string, unknown>) => {
      calls.push([channel, input]);
      const handler = handlers[channel];
      return handler ? handler(input) : { ok: false, error: appError('internal_error') };
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as Bridge;
  const emit = <E extends keyof EventMap>(event: E, payload: EventMap[E]) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, calls, emit, listeners };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('posts store', () => {
  afterEach(() => vi.useRealTimers());

  it('loads every post once', async () => {
    const { bridge, calls } = fakeBridge({ 'posts.list': () => ({ ok: true, value: [post('a'), post('b')] }) });
    const store = createPostsStore(bridge);
    expect(store.getState().loaded).toBe(false);
    await store.getState().fetch();
    expect(calls).toEqual([['posts.list', {}]]);
    expect(store.getState().posts.map((p) => p.id)).toEqual(['a', 'b']);
    expect(store.getState().loaded).toBe(true);
  });

  it('keeps a failed list load as the list error', async () => {
    const { bridge } = fakeBridge({ 'posts.list': () => ({ ok: false, error: appError('storage_failed') }) });
    const store = createPostsStore(bridge);
    await store.getState().fetch();
    expect(store.getState().listError?.code).toBe('storage_failed');
  });

  it('posts.changed with a post id re-reads just that post; without one, the list', async () => {
    const { bridge, calls, emit } = fakeBridge({
      'posts.list': () => ({ ok: true, value: [post('a')] }),
      'posts.get': (input) => ({ ok: true, value: post(String(input.postId), { status: 'pending_manual' }) }),
    });
    const store = createPostsStore(bridge);
    followPostEvents(bridge, store);
    await store.getState().fetch();

    emit('posts.changed', { postId: 'a', status: 'pending_manual' });
    await flush();
    expect(calls.at(-1)).toEqual(['posts.get', { postId: 'a' }]);
    expect(store.getState().posts[0]!.status).toBe('pending_manual');

    emit('posts.changed', { postId: 'new' });
    await flush();
    expect(store.getState().posts.map((p) => p.id)).toEqual(['new', 'a']);

    emit('posts.changed', {});
    await flush();
    expect(calls.at(-1)).toEqual(['posts.list', {}]);
  });

  it('a post the main process no longer knows leaves the list', async () => {
    const { bridge, emit } = fakeBridge({
      'posts.list': () => ({ ok: true, value: [post('a'), post('b')] }),
      'posts.get': () => ({ ok: false, error: appError('post_not_found') }),
    });
    const store = createPostsStore(bridge);
    followPostEvents(bridge, store);
    await store.getState().fetch();
    emit('posts.changed', { postId: 'a' });
    await flush();
    expect(store.getState().posts.map((p) => p.id)).toEqual(['b']);
  });

  it('a burst of changes to one post reads it at most twice, and the last read wins', async () => {
    const answers: Array<() => void> = [];
    let version = 0;
    const { bridge, calls } = fakeBridge({
      'posts.get': () =>
        new Promise((resolve) => {
          const v = ++version;
          answers.push(() => resolve({ ok: true, value: post('a', { caption: `v${v}` }) }));
        }),
    });
    const store = createPostsStore(bridge);
    const first = store.getState().refresh('a');
    void store.getState().refresh('a');
    void store.getState().refresh('a');
    expect(calls).toHaveLength(1);
    answers[0]!();
    await flush();
    expect(calls).toHaveLength(2); // changed again while reading: one more read
    answers[1]!();
    await first;
    expect(store.getState().posts[0]!.caption).toBe('v2');
  });

  it('never polls: with no events, nothing is asked however long it waits', async () => {
    vi.useFakeTimers();
    const { bridge, calls } = fakeBridge({ 'posts.list': () => ({ ok: true, value: [] }) });
    const store = createPostsStore(bridge);
    followPostEvents(bridge, store);
    await store.getState().fetch();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls).toHaveLength(1);
  });

  it('an action merges the post it answers with, and marks the post busy meanwhile', async () => {
    let answer!: (r: Result<Post>) => void;
    const { bridge, calls } = fakeBridge({
      'posts.list': () => ({ ok: true, value: [post('a', { status: 'pending_manual' })] }),
      'posts.approve': () => new Promise((resolve) => (answer = resolve)),
    });
    const store = createPostsStore(bridge);
    await store.getState().fetch();
    const approving = store.getState().approve('a');
    expect(store.getState().busy.a).toBe('approving');
    answer({ ok: true, value: post('a', { status: 'publishing' }) });
    await approving;
    expect(calls.at(-1)).toEqual(['posts.approve', { postId: 'a' }]);
    expect(store.getState().busy.a).toBeUndefined();
    expect(store.getState().posts[0]!.status).toBe('publishing');
  });

  it('a refused action keeps its error next to that post', async () => {
    const { bridge } = fakeBridge({
      'posts.list': () => ({ ok: true, value: [post('a')] }),
      'posts.publishNow': () => ({ ok: false, error: appError('post_invalid', 'A carousel has 2 to 10 items; this one has 1.') }),
    });
    const store = createPostsStore(bridge);
    await store.getState().fetch();
    const result = await store.getState().publishNow('a');
    expect(result.ok).toBe(false);
    expect(store.getState().errors.a).toMatchObject({ code: 'post_invalid', detail: 'A carousel has 2 to 10 items; this one has 1.' });
    store.getState().clearError('a');
    expect(store.getState().errors.a).toBeUndefined();
  });

  it('create adds the new post; cancel, update and delete call their channels', async () => {
    const { bridge, calls } = fakeBridge({
      'posts.create': () => ({ ok: true, value: post('n', { status: 'draft' }) }),
      'posts.update': (input) => ({ ok: true, value: post('n', { status: 'scheduled', scheduledAt: String(input.scheduledAt) }) }),
      'posts.cancel': () => ({ ok: true, value: post('n', { status: 'draft', scheduledAt: null }) }),
      'posts.delete': () => ({ ok: true, value: { deleted: true } }),
    });
    const store = createPostsStore(bridge);
    await store.getState().create({ accountId: 'acc', kind: 'image', caption: '', media: [{ url: 'https://x/y.jpg' }] });
    expect(store.getState().posts.map((p) => p.status)).toEqual(['draft']);
    await store.getState().update({ postId: 'n', scheduledAt: '2026-07-02T10:00:00.000Z' });
    expect(store.getState().posts[0]).toMatchObject({ status: 'scheduled', scheduledAt: '2026-07-02T10:00:00.000Z' });
    await store.getState().cancel('n');
    expect(store.getState().posts[0]!.status).toBe('draft');
    await store.getState().delete('n');
    expect(store.getState().posts).toEqual([]);
    expect(calls.map(([channel]) => channel)).toEqual(['posts.create', 'posts.update', 'posts.cancel', 'posts.delete']);
  });

  it('a list answer does not overwrite a newer copy of a post', () => {
    const newer = post('a', { status: 'published', updatedAt: '2026-06-02T00:00:00.000Z' });
    const older = post('a', { status: 'publishing', updatedAt: '2026-06-01T00:00:00.000Z' });
    expect(mergeList([newer], [older, post('b')])).toEqual([newer, post('b')]);
  });
});

describe('posts tabs', () => {
  const all = [
    post('late', { scheduledAt: '2026-07-03T00:00:00.000Z' }),
    post('soon', { scheduledAt: '2026-07-01T00:00:00.000Z' }),
    post('going', { status: 'publishing' }),
    post('wait', { status: 'pending_manual' }),
    post('held', { status: 'held' }),
    post('failed', { status: 'failed' }),
    post('old', { status: 'published', publishedAt: '2026-05-01T00:00:00.000Z' }),
    post('new', { status: 'published', publishedAt: '2026-06-01T00:00:00.000Z' }),
    post('draft', { status: 'draft' }),
  ];
  const ids = (posts: Post[]) => posts.map((p) => p.id);

  it('every status has a tab, in reading order', () => {
    // Soonest slot first ('going' has the default 09:00 slot, between the two).
    expect(ids(postsInTab(all, 'scheduled'))).toEqual(['soon', 'going', 'late']);
    expect(ids(postsInTab(all, 'waiting'))).toEqual(['wait']);
    expect(ids(postsInTab(all, 'failed')).sort()).toEqual(['failed', 'held']);
    expect(ids(postsInTab(all, 'published'))).toEqual(['new', 'old']);
    expect(ids(postsInTab(all, 'drafts'))).toEqual(['draft']);
    const shown = ['scheduled', 'waiting', 'failed', 'published', 'drafts'].flatMap((tab) => ids(postsInTab(all, tab as never)));
    expect(shown.sort()).toEqual(ids(all).sort());
  });

  it('counts the posts waiting for approval (the header’s number)', () => {
    expect(waitingCount(all)).toBe(1);
    expect(waitingCount([])).toBe(0);
  });
});

describe('approving with an Undo window', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the approval only once the window has passed; an undone approval is never sent', async () => {
    vi.useFakeTimers();
    const { bridge, calls } = fakeBridge({ 'posts.approve': ({ postId }) => ({ ok: true, value: post(String(postId), { status: 'publishing' }) }) });
    const store = createPostsStore(bridge);
    store.setState({ posts: [post('a', { status: 'pending_manual' }), post('b', { status: 'pending_manual' })] });

    const approvedA = store.getState().approveAfterUndoWindow('a');
    const approvedB = store.getState().approveAfterUndoWindow('b');
    expect(store.getState().busy).toMatchObject({ a: 'approved', b: 'approved' });
    await vi.advanceTimersByTimeAsync(APPROVE_UNDO_MS - 1);
    expect(calls).toEqual([]);
    expect(store.getState().undoApproval('b')).toBe(true);
    expect(await approvedB).toBeNull();
    expect(store.getState().busy.b).toBeUndefined();

    await vi.advanceTimersByTimeAsync(1);
    expect((await approvedA)?.ok).toBe(true);
    expect(calls).toEqual([['posts.approve', { postId: 'a' }]]);
    expect(store.getState().posts.find((p) => p.id === 'a')?.status).toBe('publishing');
    // Too late: the approval is on its way, so Undo says no.
    expect(store.getState().undoApproval('a')).toBe(false);
    await vi.advanceTimersByTimeAsync(APPROVE_UNDO_MS);
    expect(calls).toHaveLength(1);
  });
});

describe('moving posts', () => {
  it('reschedule sends only the new slot, shows it at once, and puts the post back where it was when refused', async () => {
    let answer: (result: Result<unknown>) => void = () => undefined;
    const { bridge, calls } = fakeBridge({ 'posts.update': () => new Promise((resolve) => (answer = resolve)) });
    const store = createPostsStore(bridge);
    store.setState({ posts: [post('a')] });
    const moving = store.getState().reschedule('a', '2026-07-02T10:00:00.000Z');
    expect(store.getState().posts[0]!.scheduledAt).toBe('2026-07-02T10:00:00.000Z');
    expect(calls).toEqual([['posts.update', { postId: 'a', scheduledAt: '2026-07-02T10:00:00.000Z' }]]);
    answer({ ok: false, error: appError('post_invalid', 'That time has already passed.') });
    expect((await moving).ok).toBe(false);
    expect(store.getState().posts[0]!.scheduledAt).toBe('2026-07-01T09:00:00.000Z');
    expect(store.getState().errors.a).toBeUndefined();
  });

  it('swapSlots trades two slots, and moves the first back when the second is refused', async () => {
    const slots = new Map([['a', '2026-07-01T09:00:00.000Z'], ['b', '2026-07-03T18:00:00.000Z']]);
    let refuseB = false;
    const { bridge, calls } = fakeBridge({
      'posts.update': ({ postId, scheduledAt }) => {
        if (refuseB && postId === 'b') return { ok: false, error: appError('post_not_editable') };
        slots.set(String(postId), String(scheduledAt));
        return { ok: true, value: post(String(postId), { scheduledAt: String(scheduledAt), updatedAt: new Date().toISOString() }) };
      },
    });
    const store = createPostsStore(bridge);
    store.setState({ posts: [post('a', { scheduledAt: slots.get('a')! }), post('b', { scheduledAt: slots.get('b')! })] });
    expect((await store.getState().swapSlots('a', 'b')).ok).toBe(true);
    expect(Object.fromEntries(slots)).toEqual({ a: '2026-07-03T18:00:00.000Z', b: '2026-07-01T09:00:00.000Z' });

    refuseB = true;
    calls.length = 0;
    const refused = await store.getState().swapSlots('a', 'b');
    expect(refused.ok).toBe(false);
    expect(calls.map(([, input]) => input)).toEqual([
      { postId: 'a', scheduledAt: '2026-07-01T09:00:00.000Z' },
      { postId: 'b', scheduledAt: '2026-07-03T18:00:00.000Z' },
      { postId: 'a', scheduledAt: '2026-07-03T18:00:00.000Z' },
    ]);
    expect(Object.fromEntries(slots)).toEqual({ a: '2026-07-03T18:00:00.000Z', b: '2026-07-01T09:00:00.000Z' });
  });
});
