import { createStore } from 'zustand/vanilla';
import { appError, type AppError, type Result } from '../../../src-shared/errors';
import type { IgMedia } from '../../../src-shared/insights';
import type { CreatePostInput, Post, UpdatePostInput } from '../../../src-shared/posts';
import type { Bridge } from '../../bridge';
import { newestOnly } from '../../lib/newestOnly';

/** What is under way on one post, so its buttons can say so and stay disabled. */
export type PostBusy = 'approved' | 'approving' | 'publishing' | 'unscheduling' | 'deleting' | 'saving' | 'commenting' | 'marking';

/**
 * How long an approval can be taken back. The approval is only sent when this has passed, so Undo never
 * races the publisher: a post that was not approved cannot have been picked up.
 */
export const APPROVE_UNDO_MS = 6_000;

export interface PostsState {
  /** Every post of the current environment, in the main process's order (newest slot first). */
  posts: Post[];
  /** True once the first list arrived (so empty states are not shown while loading). */
  loaded: boolean;
  listError: AppError | null;
  busy: Record<string, PostBusy | undefined>;
  /** The last failed action on a post, shown next to it. */
  errors: Record<string, AppError | undefined>;
  fetch(): Promise<void>;
  /** Re-reads one post (an event said it changed, or a detail page opened by address). */
  refresh(postId: string): Promise<Result<Post>>;
  create(input: CreatePostInput): Promise<Result<Post>>;
  update(input: UpdatePostInput): Promise<Result<Post>>;
  approve(postId: string): Promise<Result<Post>>;
  /** Approves once APPROVE_UNDO_MS has passed without undoApproval; resolves with the approval's answer, or null when undone. */
  approveAfterUndoWindow(postId: string): Promise<Result<Post> | null>;
  /** Takes back an approval still in its Undo window; false when it was already sent. */
  undoApproval(postId: string): boolean;
  /** Moves a post to another slot, nothing else changed (the main process refuses a past slot or a post already out). */
  reschedule(postId: string, scheduledAt: string): Promise<Result<Post>>;
  /**
   * Two posts trade slots (the grid's drag). When the second move is refused, the first is moved back, so
   * both keep their slots.
   */
  swapSlots(postId: string, otherId: string): Promise<Result<Post>>;
  publishNow(postId: string): Promise<Result<Post>>;
  /** A reminder the user posted by hand, with its link on Instagram if they gave it. */
  markPosted(postId: string, permalink?: string): Promise<Result<Post>>;
  /** Back to draft: nothing goes out. */
  cancel(postId: string): Promise<Result<Post>>;
  delete(postId: string): Promise<Result<{ deleted: true }>>;
  /** A photo or video from the user's computer into the media library (a path on the desktop, an upload in the browser). */
  importFile: Bridge['importFile'];
  /** The account's Instagram media that could be a published post Postdeck could not identify. */
  mediaChoices(postId: string): Promise<Result<IgMedia[]>>;
  /** The user chose the post's Instagram media: its first comment goes there. */
  postFirstComment(postId: string, igMediaId: string): Promise<Result<Post>>;
  clearError(postId: string): void;
}

const time = (iso: string) => Date.parse(iso) || 0;

/** Puts `post` in the list: in place when known, first when new. */
export function upsertPost(posts: Post[], post: Post): Post[] {
  const index = posts.findIndex((p) => p.id === post.id);
  if (index === -1) return [post, ...posts];
  const next = posts.slice();
  next[index] = post;
  return next;
}

/**
 * A fresh list, except where we already hold a newer copy of a post (an answer to `posts.get` that
 * overtook this list on the way).
 */
export function mergeList(current: Post[], incoming: Post[]): Post[] {
  const known = new Map(current.map((p) => [p.id, p]));
  return incoming.map((post) => {
    const mine = known.get(post.id);
    return mine && time(mine.updatedAt) > time(post.updatedAt) ? mine : post;
  });
}

export function createPostsStore(bridge: Bridge) {
  const latestList = newestOnly();
  /** Posts being re-read now, and those that changed again meanwhile (read once more afterwards). */
  const reading = new Map<string, Promise<Result<Post>>>();
  const stale = new Set<string>();
  /** Approvals in their Undo window: how to end each early. */
  const undoWindows = new Map<string, () => void>();

  return createStore<PostsState>()((set, get) => {
    const setBusy = (postId: string, busy: PostBusy | undefined) => set((s) => ({ busy: { ...s.busy, [postId]: busy } }));
    const setError = (postId: string, error: AppError | undefined) =>
      set((s) => ({ errors: { ...s.errors, [postId]: error } }));
    const remove = (postId: string) => set((s) => ({ posts: s.posts.filter((p) => p.id !== postId) }));

    /** Runs one action on a post: busy while it runs, the answer merged, a failure kept next to the post. */
    async function act<T>(postId: string, busy: PostBusy, call: () => Promise<Result<T>>, apply: (value: T) => void) {
      setBusy(postId, busy);
      setError(postId, undefined);
      const result = await call();
      setBusy(postId, undefined);
      if (result.ok) apply(result.value);
      else setError(postId, result.error);
      return result;
    }
    const keep = (post: Post) => set((s) => ({ posts: upsertPost(s.posts, post) }));

    async function readOnce(postId: string): Promise<Result<Post>> {
      const result = await bridge.invoke('posts.get', { postId });
      if (result.ok) keep(result.value);
      else if (result.error.code === 'post_not_found') remove(postId);
      return result;
    }

    return {
      posts: [],
      loaded: false,
      listError: null,
      busy: {},
      errors: {},

      async fetch() {
        const result = await latestList(() => bridge.invoke('posts.list', {}));
        if (!result) return; // a newer fetch is under way; its answer wins
        if (result.ok) set((s) => ({ posts: mergeList(s.posts, result.value), loaded: true, listError: null }));
        else set({ listError: result.error });
      },

      refresh(postId) {
        const running = reading.get(postId);
        if (running) {
          stale.add(postId);
          return running;
        }
        const run = (async () => {
          let result = await readOnce(postId);
          while (stale.delete(postId)) result = await readOnce(postId);
          reading.delete(postId);
          return result;
        })();
        reading.set(postId, run);
        return run;
      },

      async create(input) {
        const result = await bridge.invoke('posts.create', input);
        if (result.ok) keep(result.value);
        return result;
      },

      update(input) {
        return act(input.postId, 'saving', () => bridge.invoke('posts.update', input), keep);
      },

      approve(postId) {
        return act(postId, 'approving', () => bridge.invoke('posts.approve', { postId }), keep);
      },

      approveAfterUndoWindow(postId) {
        setBusy(postId, 'approved');
        setError(postId, undefined);
        return new Promise((resolve) => {
          const timer = setTimeout(() => {
            undoWindows.delete(postId);
            resolve(get().approve(postId));
          }, APPROVE_UNDO_MS);
          undoWindows.set(postId, () => {
            clearTimeout(timer);
            setBusy(postId, undefined);
            resolve(null);
          });
        });
      },

      undoApproval(postId) {
        const undo = undoWindows.get(postId);
        if (!undo) return false;
        undoWindows.delete(postId);
        undo();
        return true;
      },

      async reschedule(postId, scheduledAt) {
        // The caller shows a refusal where the drag ended (a toast), so it is not kept on the post.
        // Shown at its new slot at once, so a dropped card does not jump back while the answer is on its way.
        const before = get().posts.find((p) => p.id === postId);
        if (before) keep({ ...before, scheduledAt });
        setBusy(postId, 'saving');
        const result = await bridge.invoke('posts.update', { postId, scheduledAt });
        setBusy(postId, undefined);
        if (result.ok) keep(result.value);
        else if (before) keep(before);
        return result;
      },

      async swapSlots(postId, otherId) {
        const slotOf = (id: string) => get().posts.find((p) => p.id === id)?.scheduledAt ?? null;
        const [mine, theirs] = [slotOf(postId), slotOf(otherId)];
        if (!mine || !theirs) return { ok: false, error: appError('post_invalid', 'Only two scheduled posts can trade their slots.') };
        const first = await get().reschedule(postId, theirs);
        if (!first.ok) return first;
        const second = await get().reschedule(otherId, mine);
        if (!second.ok) await get().reschedule(postId, mine);
        return second.ok ? first : second;
      },

      publishNow(postId) {
        return act(postId, 'publishing', () => bridge.invoke('posts.publishNow', { postId }), keep);
      },

      markPosted(postId, permalink) {
        return act(postId, 'marking', () => bridge.invoke('posts.markPosted', { postId, ...(permalink ? { permalink } : {}) }), keep);
      },

      cancel(postId) {
        return act(postId, 'unscheduling', () => bridge.invoke('posts.cancel', { postId }), keep);
      },

      delete(postId) {
        return act(postId, 'deleting', () => bridge.invoke('posts.delete', { postId }), () => remove(postId));
      },

      importFile(file) {
        return bridge.importFile(file);
      },

      mediaChoices(postId) {
        return bridge.invoke('posts.mediaChoices', { postId });
      },

      postFirstComment(postId, igMediaId) {
        return act(postId, 'commenting', () => bridge.invoke('posts.postFirstComment', { postId, igMediaId }), keep);
      },

      clearError(postId) {
        setError(postId, undefined);
      },
    };
  });
}

export type PostsStore = ReturnType<typeof createPostsStore>;

/**
 * Keeps the store in step with the main process: `posts.changed` names one post (re-read just it) or
 * none (re-read the list). Events only; the renderer never polls.
 */
export function followPostEvents(bridge: Bridge, store: PostsStore): () => void {
  return bridge.on('posts.changed', ({ postId }) => {
    if (postId) void store.getState().refresh(postId);
    else void store.getState().fetch();
  });
}
