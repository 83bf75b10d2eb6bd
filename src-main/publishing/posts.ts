import { randomUUID } from 'node:crypto';
import type { IgMedia } from '../../src-shared/insights';
import type { AppMode } from '../../src-shared/models';
import { awaitsMediaChoice, isBeyondHorizon, isPastSlot, type CreatePostInput, type Post, type PostMediaRef, type PostStatus, type UpdatePostInput, type UserTag } from '../../src-shared/posts';
import { normalizeUsername } from '../../src-shared/publishingRules';
import type { AccountsRepo } from '../db/accountsRepo';
import type { Clock } from '../config/clock';
import type { EventBus } from '../config/events';
import { Failure } from '../config/failure';
import { toPost, type PostRecord, type PostsRepo } from '../db/postsRepo';
import type { JobRunner } from '../jobs/runner';
import { PUBLISH_JOB, publishJobKey, type Publisher } from './publisher';
import { accountOf, fileProblems, postProblems, type MediaFileLookup } from './rules';

/** Posts that are no longer the user's to change: on their way out, or out. */
const LOCKED: readonly PostStatus[] = ['publishing', 'published'];

/** Usernames as Instagram takes them (a typed leading @ dropped); invalid ones stay for the rules to refuse by name. */
const normalizedTags = <T extends UserTag>(tags: readonly T[]): T[] => tags.map((tag) => ({ ...tag, username: normalizeUsername(tag.username) }));
const normalizedMedia = (media: readonly PostMediaRef[]): PostMediaRef[] =>
  media.map((item) => (item.userTags ? { ...item, userTags: normalizedTags(item.userTags) } : item));


export interface PostsDeps {
  posts: PostsRepo;
  accounts: Pick<AccountsRepo, 'get'>;
  jobs: Pick<JobRunner, 'schedule' | 'cancel'>;
  clock: Clock;
  events: EventBus;
  mode: () => AppMode;
  /** Before a post is put on the way to Instagram: can Instagram fetch its media? Throws what is wrong. */
  verifyMedia: (post: PostRecord) => Promise<void>;
  /** Imported files, to refuse the wrong kind of file or one Instagram would refuse. */
  mediaFiles: MediaFileLookup;
  /** The publisher's follow-up when it could not tell which Instagram media a post became. */
  firstComments: Pick<Publisher, 'mediaChoices' | 'postFirstComment'>;
}

/**
 * Posts as the user handles them: drafts, scheduling (automatic or manual), the pending-manual queue,
 * approval. Publishing itself is the Publisher's, through jobs; this only decides when a job exists.
 */
export class PostsService {
  constructor(private readonly deps: PostsDeps) {}

  async create(input: CreatePostInput): Promise<Post> {
    // Without an account the post is an idea: a draft until an account is chosen.
    const account = input.accountId === undefined ? null : this.account(input.accountId);
    const now = this.deps.clock.now();
    const record: PostRecord = {
      id: randomUUID(),
      accountId: account?.id ?? null,
      version: 1,
      environment: this.deps.mode(),
      kind: input.kind,
      caption: input.caption,
      media: normalizedMedia(input.media),
      altText: input.altText ?? null,
      firstComment: input.firstComment ?? null,
      reelCover: input.reelCover ?? null,
      collaborators: (input.collaborators ?? []).map(normalizeUsername),
      userTags: normalizedTags(input.userTags ?? []),
      shareToFeed: input.shareToFeed ?? true,
      audioName: input.audioName ?? null,
      trialReel: input.trialReel ?? null,
      mode: input.mode ?? account?.defaultMode ?? 'automatic',
      status: 'draft',
      pendingReason: null,
      scheduledAt: null,
      step: null,
      containerId: null,
      children: [],
      hosted: [],
      publishRequestedAt: null,
      publishedAt: null,
      igMediaId: null,
      permalink: null,
      error: null,
      retryAt: null,
      firstCommentError: null,
      createdAt: now,
      updatedAt: now,
    };
    const scheduledAt = input.scheduledAt ? this.slot(input.scheduledAt) : null;
    this.check(record, { draft: scheduledAt === null });
    if (scheduledAt !== null && record.mode !== 'remind') await this.deps.verifyMedia(record);
    this.deps.posts.insert(record);
    // Other windows and the CLI's list learn of a new draft too.
    return scheduledAt === null ? this.changed(record.id) : this.schedule(record, scheduledAt);
  }

  async update(input: UpdatePostInput): Promise<Post> {
    const post = this.require(input.postId);
    // Checked first: an editor that opened an older version is told what happened (published, say), not overwritten.
    if (input.expectedVersion !== undefined && input.expectedVersion !== post.version) {
      throw new Failure('post_changed', `Postdeck has version ${post.version} (${post.status}); the editor opened version ${input.expectedVersion}.`);
    }
    if (LOCKED.includes(post.status)) throw new Failure('post_not_editable');
    if (input.accountId !== undefined && input.accountId !== post.accountId && post.accountId !== null) {
      throw new Failure('post_not_editable', 'A saved post stays with its account.');
    }
    if (input.kind !== undefined && input.kind !== post.kind && post.status !== 'draft') {
      throw new Failure('post_not_editable', 'Only a draft can change its kind.');
    }
    const changed: PostRecord = {
      ...post,
      ...(input.accountId !== undefined ? { accountId: this.account(input.accountId).id } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.caption !== undefined ? { caption: input.caption } : {}),
      ...(input.media !== undefined ? { media: normalizedMedia(input.media) } : {}),
      ...(input.altText !== undefined ? { altText: input.altText } : {}),
      ...(input.firstComment !== undefined ? { firstComment: input.firstComment } : {}),
      ...(input.reelCover !== undefined ? { reelCover: input.reelCover } : {}),
      ...(input.collaborators !== undefined ? { collaborators: input.collaborators.map(normalizeUsername) } : {}),
      ...(input.userTags !== undefined ? { userTags: normalizedTags(input.userTags) } : {}),
      ...(input.shareToFeed !== undefined ? { shareToFeed: input.shareToFeed } : {}),
      ...(input.audioName !== undefined ? { audioName: input.audioName } : {}),
      ...(input.trialReel !== undefined ? { trialReel: input.trialReel } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
    };
    this.check(changed, { draft: !input.scheduledAt && post.status === 'draft' });
    if (input.scheduledAt && changed.mode !== 'remind') await this.deps.verifyMedia(changed);
    const now = this.deps.clock.now();
    const { accountId, kind, caption, media, altText, firstComment, reelCover, collaborators, userTags, shareToFeed, audioName, trialReel, mode } = changed;
    this.deps.posts.update(post.id, { accountId, kind, caption, media, altText, firstComment, reelCover, collaborators, userTags, shareToFeed, audioName, trialReel, mode }, now);
    if (input.scheduledAt === undefined) return this.changed(post.id);
    if (input.scheduledAt === null) return this.cancel(post.id);
    return this.schedule(this.require(post.id), this.slot(input.scheduledAt));
  }

  get(postId: string): Post {
    return this.view(this.require(postId).id);
  }

  list(filter: { status?: PostStatus | undefined; accountId?: string | undefined }): Post[] {
    return this.deps.posts
      .list({ environment: this.deps.mode(), ...(filter.status ? { status: filter.status } : {}), ...(filter.accountId ? { accountId: filter.accountId } : {}) })
      .map((record) => toPost(record, this.deps.posts.attempts(record.id)));
  }

  /** Posts in the pending-manual queue of the current environment (the tray shows it). */
  waitingForApprovalCount(): number {
    return this.deps.posts.count({ status: 'pending_manual', environment: this.deps.mode() });
  }

  /** Manual mode: the user says yes; it goes out now. */
  approve(postId: string): Promise<Post> {
    const post = this.require(postId);
    if (post.status !== 'pending_manual') throw new Failure('post_not_editable', 'Only a post waiting for approval can be approved.');
    return this.publishNow(postId);
  }

  /** A post the user was reminded to post by hand: they did; it counts as published, with its link if given. */
  markPosted(postId: string, permalink?: string): Post {
    const post = this.require(postId);
    if (post.status !== 'pending_manual' || post.pendingReason !== 'remind') throw new Failure('post_not_remind');
    const now = this.deps.clock.now();
    this.deps.posts.update(post.id, { status: 'published', pendingReason: null, publishedAt: now, step: 'finished', permalink: permalink ?? null }, now);
    this.deps.posts.addAttempt(post.id, { at: now, step: 'remind', outcome: 'ok', detail: 'posted by hand' });
    return this.changed(post.id);
  }

  async publishNow(postId: string): Promise<Post> {
    const post = this.require(postId);
    if (LOCKED.includes(post.status)) throw new Failure('post_not_editable');
    this.check(post, { byPostdeck: true });
    await this.deps.verifyMedia(post);
    const now = this.deps.clock.now();
    this.deps.posts.update(post.id, { status: 'publishing', pendingReason: null, error: null, retryAt: null, scheduledAt: post.scheduledAt ?? now }, now);
    this.deps.jobs.schedule({ kind: PUBLISH_JOB, key: publishJobKey(post.id), dueAt: now, environment: post.environment, payload: { postId: post.id } });
    return this.changed(post.id);
  }

  /** Back to draft: nothing goes out. */
  cancel(postId: string): Post {
    const post = this.require(postId);
    if (LOCKED.includes(post.status)) throw new Failure('post_not_editable');
    this.deps.jobs.cancel(publishJobKey(post.id));
    this.deps.posts.update(post.id, { status: 'draft', pendingReason: null, scheduledAt: null, error: null, retryAt: null, step: null, containerId: null, children: [] }, this.deps.clock.now());
    return this.changed(post.id);
  }

  delete(postId: string): { deleted: true } {
    const post = this.require(postId);
    if (post.status === 'publishing') throw new Failure('post_not_editable');
    this.deps.jobs.cancel(publishJobKey(post.id));
    this.deps.posts.remove(post.id);
    this.deps.events.emit('posts.changed', { postId });
    return { deleted: true };
  }

  /** The account's Instagram media that could be this post, when Postdeck could not tell which it became. */
  mediaChoices(postId: string): Promise<IgMedia[]> {
    const post = this.require(postId);
    if (!awaitsMediaChoice(post)) return Promise.resolve([]);
    return this.deps.firstComments.mediaChoices(post);
  }

  /** The user chose the post's Instagram media: the first comment is posted on it. */
  async postFirstComment(postId: string, igMediaId: string): Promise<Post> {
    await this.deps.firstComments.postFirstComment(this.require(postId).id, igMediaId);
    return this.changed(postId);
  }

  /**
   * The app was closed at some slots: within the grace window a post still goes out (its job runs at
   * start); later than that it waits for the user in the pending-manual queue, marked `missed_slot`.
   */
  catchUpMissedSlots(graceMs: number): void {
    const now = this.deps.clock.now();
    for (const post of this.deps.posts.list({ status: 'scheduled' })) {
      if (post.scheduledAt === null || post.scheduledAt + graceMs >= now) continue;
      this.deps.jobs.cancel(publishJobKey(post.id));
      // A reminder is still the user's to post; anything else waits for approval.
      const reason = post.mode === 'remind' ? 'remind' : 'missed_slot';
      this.deps.posts.update(post.id, { status: 'pending_manual', pendingReason: reason }, now);
      this.deps.posts.addAttempt(post.id, { at: now, step: 'schedule', outcome: 'info', detail: `the slot passed while Postdeck was closed; ${reason === 'remind' ? 'waiting to be posted by hand' : 'waiting for approval'}` });
      this.deps.events.emit('posts.changed', { postId: post.id, status: 'pending_manual' });
    }
  }

  private schedule(post: PostRecord, at: number): Post {
    this.check(post);
    this.deps.posts.update(post.id, { status: 'scheduled', scheduledAt: at, pendingReason: null, error: null, retryAt: null }, this.deps.clock.now());
    this.deps.jobs.schedule({ kind: PUBLISH_JOB, key: publishJobKey(post.id), dueAt: at, environment: post.environment, payload: { postId: post.id } });
    return this.changed(post.id);
  }

  /**
   * Everything Instagram would refuse is refused before scheduling, with the reason. A draft may still lack
   * its account and media (an idea); what it has is checked all the same. A Story that Postdeck would publish
   * needs a Business account; in `remind` mode the user posts it, so any account will do.
   */
  private check(post: PostRecord, options: { draft?: boolean; byPostdeck?: boolean } = {}): void {
    if (!options.draft) accountOf(post);
    const byPostdeck = options.byPostdeck ?? post.mode !== 'remind';
    if (post.kind === 'story' && byPostdeck && post.accountId && this.deps.accounts.get(post.accountId)?.accountType !== 'BUSINESS') throw new Failure('story_needs_business');
    const problems = [...postProblems(post, options), ...fileProblems(post, this.deps.mediaFiles)];
    if (problems.length > 0) throw new Failure('post_invalid', problems);
  }

  /** An account of the current environment, to post from. */
  private account(accountId: string) {
    const account = this.deps.accounts.get(accountId);
    if (!account || account.environment !== this.deps.mode()) throw new Failure('not_found');
    return account;
  }

  private slot(iso: string): number {
    const at = Date.parse(iso);
    const now = this.deps.clock.now();
    if (isPastSlot(at, now)) throw new Failure('post_invalid', [{ field: 'scheduledAt', message: 'That time has already passed.' }]);
    if (isBeyondHorizon(at, now)) throw new Failure('slot_too_far', [{ field: 'scheduledAt', message: 'That time is more than two years ahead; choose a date within the next two years.' }]);
    return at;
  }

  private require(postId: string): PostRecord {
    const post = this.deps.posts.get(postId);
    if (!post || post.environment !== this.deps.mode()) throw new Failure('post_not_found');
    return post;
  }

  private changed(postId: string): Post {
    const post = this.view(postId);
    this.deps.events.emit('posts.changed', { postId, status: post.status });
    return post;
  }

  private view(postId: string): Post {
    return toPost(this.require(postId), this.deps.posts.attempts(postId));
  }
}
