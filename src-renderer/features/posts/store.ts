import { createStore } from 'zustand/vanilla';
import type { AppError, Result } from '../../../src-shared/errors';
import type { IgMedia } from '../../../src-shared/insights';
import type { CreatePostInput, Post, UpdatePostInput } from '../../../src-shared/posts';
import type { Bridge } from '../../bridge';
import { newestOnly } from '../../lib/newestOnly';

/** What is under way on one post, so its buttons can say so and stay disabled. */
export type PostBusy = 'approving' | 'publishing' | 'unscheduling' | 'deleting' | 'saving' | 'commenting';

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
  publishNow(postId: string): Promise<Result<Post>>;
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

  return createStore<PostsState>()((set) => {
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

      publishNow(postId) {
        return act(postId, 'publishing', () => bridge.invoke('posts.publishNow', { postId }), keep);
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
