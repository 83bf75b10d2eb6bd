import type { IgMedia } from '../../src-shared/insights';
import { awaitsMediaChoice, type PostError, type PostMediaRef } from '../../src-shared/posts';
import { appError, type ErrorCode } from '../../src-shared/errors';
import type { Notifier } from '../accounts/alerts';
import type { AccountSessions, AccountUse } from '../accounts/session';
import { useAccount } from '../accounts/useAccount';
import { backoffDelay, type BackoffPolicy } from '../config/backoff';
import { HOUR, MINUTE, SECOND, type Clock } from '../config/clock';
import type { DomainEvents, EventBus } from '../config/events';
import { Failure, isFailure } from '../config/failure';
import type { Logger } from '../config/logger';
import type { HostedItem, PostChange, PostRecord, PostsRepo } from '../db/postsRepo';
import { isInstagramError, type InstagramError } from '../instagram/errors';
import {
  containerStatus,
  commentOnMedia,
  createContainer,
  mediaPermalink,
  publishContainer,
  publishingLimit,
  type ContainerInput,
} from '../instagram/publishing';
import { recentMedia, toIgMedia, type MediaItem } from '../instagram/media';
import type { Job, JobOutcome, JobRunner } from '../jobs/runner';
import type { MediaFetch } from '../media/hosting/types';
import type { MediaSource } from './mediaSource';
import { accountOf, type MediaFileLookup } from './rules';

export const PUBLISH_JOB = 'publish';
export const publishJobKey = (postId: string) => `${PUBLISH_JOB}:${postId}`;

/** Meta advises polling a container once a minute; images are usually ready in seconds (postiz#1562). */
const CONTAINER_POLL: BackoffPolicy = { baseMs: 5 * SECOND, maxMs: MINUTE, jitter: 'none' };
/** A container still IN_PROGRESS after this long is given up on. */
const CONTAINER_TIMEOUT_MS = 30 * MINUTE;
const FIRST_COMMENT_UNKNOWN = 'Postdeck stopped while it was posting the first comment, so it may be missing. Check the post on Instagram; Postdeck will not post it again, to avoid a duplicate.';
/** How soon to read the container after a publish call whose answer was lost. */
const RECONCILE_MS = 30 * SECOND;

export interface PublisherDeps {
  posts: PostsRepo;
  sessions: Pick<AccountSessions, 'withAccount'>;
  jobs: Pick<JobRunner, 'schedule' | 'cancel'>;
  media: MediaSource;
  /** The media library: an imported item's kind (a carousel item is an image or a video child). */
  mediaFiles: MediaFileLookup;
  clock: Clock;
  events: EventBus;
  domain: DomainEvents;
  logger: Logger;
  notifier?: Notifier;
}

function postError(code: ErrorCode, detail?: string): PostError {
  const error = appError(code);
  return { code, message: detail ? `${error.message} ${detail}` : error.message, action: error.action ?? '' };
}

/** Whether a failed media_publish may have gone through (the answer lost, or an error known to follow success). */
function publishMayHaveHappened(error: InstagramError): boolean {
  if (error.delivery === 'maybe_sent') return true;
  return error.kind === 'server' || error.kind === 'rate_limited' || error.publishing === 'restricted_after_publish';
}

/**
 * The publishing state machine (DESIGN.md §7): `uploading → container_created → container_ready →
 * publish_requested → published (→ commenting) → finished`, each step persisted before the request that follows it, so a crash
 * at any point resumes without publishing twice. media_publish is never retried blindly: after any
 * answer that may hide a success, the container is read first, and only a FINISHED one is published again.
 */
export class Publisher {
  constructor(private readonly deps: PublisherDeps) {}

  /** The job runner's handler for `publish:<postId>`. */
  async run(job: Job<{ postId: string }>): Promise<JobOutcome> {
    let post = this.deps.posts.get(job.payload.postId);
    if (!post) return { done: true };
    if (post.status === 'scheduled' && post.mode === 'manual') {
      this.update(post, { status: 'pending_manual', pendingReason: 'manual_mode' }, 'queued for approval', 'info');
      this.deps.notifier?.notify('A post is waiting for your approval', post.caption.slice(0, 80) || 'Open Postdeck to approve it.');
      return { done: true };
    }
    if (post.status === 'scheduled' && post.mode === 'remind') {
      this.update(post, { status: 'pending_manual', pendingReason: 'remind' }, 'time to post it by hand', 'info');
      const what = post.kind === 'story' ? 'Story' : 'post';
      this.deps.notifier?.notify(`Time to post your ${what}`, 'Open Postdeck: the media is ready to share. Mark it posted once it is on Instagram.');
      return { done: true };
    }
    // Published, with follow-ups a crash cut off: they run, the status stays.
    if (post.status === 'published') return post.step === 'published' || post.step === 'commenting' ? this.advance(post, job.attempts) : { done: true };
    if (post.status !== 'scheduled' && post.status !== 'publishing' && post.status !== 'held') return { done: true };
    if (post.status !== 'publishing') post = this.update(post, { status: 'publishing', error: null, retryAt: null });
    return this.advance(post, job.attempts);
  }

  /** Instagram (or anyone) fetched a hosted file of a post: shown in its attempt log. */
  recordFetch(fetch: MediaFetch): void {
    const post = this.deps.posts.get(fetch.postId);
    if (!post) return;
    this.deps.posts.addMediaFetch(post.id, {
      at: this.deps.clock.now(),
      outcome: fetch.status < 400 ? 'ok' : 'failed',
      detail: `item ${fetch.itemIndex + 1} fetched (${fetch.method} ${fetch.status}) by ${fetch.userAgent ?? 'an unknown client'}`,
    });
    this.deps.events.emit('posts.changed', { postId: post.id, status: post.status });
  }

  /**
   * An account was reconnected: posts held for a reconnect try again now (one still unhealthy is simply
   * held again, without a second alert).
   */
  resumeHeld(): void {
    for (const post of this.deps.posts.list({ status: 'held' })) {
      if (post.error?.code !== 'account_unhealthy') continue;
      this.deps.jobs.schedule({ kind: PUBLISH_JOB, key: publishJobKey(post.id), dueAt: this.deps.clock.now(), environment: post.environment, payload: { postId: post.id } });
    }
  }

  private async advance(start: PostRecord, attempts: number): Promise<JobOutcome> {
    try {
      return await this.deps.sessions.withAccount(accountOf(start), (use) => this.steps(start, use, attempts), start.environment);
    } catch (error) {
      if (error instanceof PostFailed) return { done: true };
      const post = this.deps.posts.get(start.id) ?? start;
      if (isFailure(error) && error.code === 'account_unhealthy') {
        this.update(post, { status: 'held', error: postError('account_unhealthy', error.error.detail) }, 'held: the account needs reconnecting', 'failed');
        return { done: true };
      }
      if (isFailure(error) && error.code === 'wrong_mode') return { retryAt: this.deps.clock.now() + HOUR, reason: 'wrong_mode' };
      // A video that could not be made into one Instagram takes: trying again would fail again.
      if (isFailure(error) && error.code === 'media_conversion_failed') return this.fail(post, error.code, error.error.detail);
      if (isInstagramError(error)) {
        this.attempt(post, post.step ?? 'start', 'retry', error.message, error);
        if (error.kind === 'auth' || error.kind === 'permission') {
          this.update(post, { status: 'held', error: postError('account_unhealthy') });
          return { done: true };
        }
        if (error.transient) throw error; // backoff by the runner
        return this.fail(post, 'publish_failed', error.message);
      }
      throw error;
    }
  }

  private async steps(initial: PostRecord, use: AccountUse, attempts: number): Promise<JobOutcome> {
    let post = initial;
    for (;;) {
      switch (post.step) {
        case null: {
          const held = await this.checkQuota(post, use);
          if (held) return held;
          post = this.update(post, { step: 'uploading' });
          break;
        }
        case 'uploading': {
          const next = await this.createContainers(post, use);
          if (!('post' in next)) return next;
          post = next.post;
          break;
        }
        case 'container_created': {
          const next = await this.pollContainer(post, use, attempts);
          if (!('post' in next)) return next;
          post = next.post;
          break;
        }
        case 'container_ready': {
          const next = await this.publish(post, use);
          if (!('post' in next)) return next;
          post = next.post;
          break;
        }
        case 'publish_requested': {
          const next = await this.reconcile(post, use);
          if (!('post' in next)) return next;
          post = next.post;
          break;
        }
        case 'published':
        case 'commenting':
          return this.followUp(post, use);
        case 'finished':
          return { done: true };
      }
    }
  }

  private async checkQuota(post: PostRecord, use: AccountUse): Promise<JobOutcome | null> {
    const limit = await publishingLimit(use.api, use.igUserId);
    if (limit.used < limit.total) return null;
    const freesAt = this.quotaFreesAt(post, limit.windowSeconds * 1000);
    this.update(post, { status: 'held', error: postError('publish_limit_reached'), retryAt: freesAt }, `held: ${limit.used} of ${limit.total} posts used in 24 hours`, 'retry');
    return { retryAt: freesAt, reason: 'publish_limit_reached' };
  }

  /** The rolling window frees up when the oldest post Postdeck published in it turns 24 hours old; else check hourly. */
  private quotaFreesAt(post: PostRecord, windowMs: number): number {
    const now = this.deps.clock.now();
    const times = this.deps.posts
      .list({ status: 'published', accountId: accountOf(post) })
      .map((other) => other.publishedAt ?? 0)
      .filter((at) => at > now - windowMs);
    return times.length > 0 ? Math.min(...times) + windowMs : now + HOUR;
  }

  /**
   * Puts the media online and creates the container(s). Each piece is stored as soon as it exists, so a
   * retry (a carousel whose items are still processing, or a crash) picks up where this left off.
   */
  private async createContainers(initial: PostRecord, use: AccountUse): Promise<JobOutcome | { post: PostRecord }> {
    let post = initial;
    try {
      if (post.hosted.length < post.media.length) {
        const hosted: HostedItem[] = [];
        for (const [index, ref] of post.media.entries()) hosted.push(await this.deps.media.host(post, index, ref));
        // Stored at once, so a crash from here on still releases what was put online.
        post = this.update(post, { hosted });
      }
      const urls = post.hosted.map((item) => item.url);
      let containerId: string;
      if (post.kind === 'carousel') {
        for (let index = post.children.length; index < urls.length; index++) {
          const kind = this.isVideo(post.media[index]!) ? 'carousel_item_video' : 'carousel_item_image';
          const altText = this.altTextOf(post, index);
          const userTags = kind === 'carousel_item_image' ? post.media[index]!.userTags : undefined;
          const child = await createContainer(use.api, use.igUserId, { kind, url: urls[index]!, ...(altText ? { altText } : {}), ...(userTags ? { userTags } : {}) });
          post = this.update(post, { children: [...post.children, child] });
        }
        containerId = await createContainer(use.api, use.igUserId, { kind: 'carousel', children: post.children, caption: post.caption, collaborators: post.collaborators });
      } else if (post.kind === 'story') {
        // Instagram ignores a Story's caption; its tags are the post's, by name with an optional spot.
        const kind = this.isVideo(post.media[0]!) ? 'story_video' : 'story_image';
        containerId = await createContainer(use.api, use.igUserId, { kind, url: urls[0]!, userTags: post.userTags });
      } else {
        const cover = post.kind === 'reel' ? await this.deps.media.cover(post) : null;
        if (cover && 'hosted' in cover) post = this.update(post, { hosted: [...post.hosted, cover.hosted] });
        const altText = this.altTextOf(post, 0);
        const input: ContainerInput = {
          kind: post.kind === 'reel' ? 'reel' : 'image',
          url: urls[0]!,
          caption: post.caption,
          collaborators: post.collaborators,
          userTags: post.kind === 'reel' ? post.userTags : (post.media[0]!.userTags ?? []),
          ...(altText ? { altText } : {}),
          ...(post.kind === 'reel' ? this.reelOptions(post) : {}),
          ...(cover ? ('coverUrl' in cover ? { coverUrl: cover.coverUrl } : { thumbOffsetMs: cover.thumbOffsetMs }) : {}),
        };
        containerId = await createContainer(use.api, use.igUserId, input);
      }
      this.attempt(post, 'container_created', 'ok', `container ${containerId}`);
      return { post: this.update(post, { step: 'container_created', containerId }) };
    } catch (error) {
      // A carousel's items are still processing: try the album again in a moment.
      if (isInstagramError(error) && error.publishing === 'not_ready') return { retryAt: this.deps.clock.now() + CONTAINER_POLL.baseMs, reason: 'carousel items in progress' };
      // Nothing is published yet: a fetch failure or a bad input is safe to report (and retry) as it is.
      if (isInstagramError(error) && !error.transient) throw this.definitive(post, error);
      throw error;
    }
  }

  private async pollContainer(post: PostRecord, use: AccountUse, attempts: number): Promise<JobOutcome | { post: PostRecord }> {
    const status = await containerStatus(use.api, post.containerId!);
    const now = this.deps.clock.now();
    switch (status.code) {
      case 'FINISHED':
        return { post: this.update(post, { step: 'container_ready' }, 'container ready', 'ok') };
      case 'PUBLISHED':
        return this.reconcile(post, use);
      case 'EXPIRED':
        return { post: await this.recreate(post) };
      case 'ERROR':
        return this.fail(post, 'container_failed', status.detail ?? undefined);
      case 'IN_PROGRESS':
        if (now - post.updatedAt > CONTAINER_TIMEOUT_MS) return this.fail(post, 'container_failed', 'Instagram was still processing it after 30 minutes.');
        return { retryAt: now + backoffDelay(attempts + 1, CONTAINER_POLL), reason: 'container in progress' };
    }
  }

  private async publish(post: PostRecord, use: AccountUse): Promise<JobOutcome | { post: PostRecord }> {
    // Persisted first: if the answer never arrives (crash, reset), the next run reads the container.
    const requested = this.update(post, { step: 'publish_requested', publishRequestedAt: this.deps.clock.now() });
    let mediaId: string;
    try {
      mediaId = await publishContainer(use.api, use.igUserId, post.containerId!);
    } catch (error) {
      if (!isInstagramError(error)) throw error;
      this.attempt(requested, 'media_publish', 'retry', error.message, error);
      if (error.delivery === 'not_sent') return { post: this.update(requested, { step: 'container_ready' }) };
      if (publishMayHaveHappened(error)) return { retryAt: this.deps.clock.now() + RECONCILE_MS, reason: 'publish answer lost; reading the container' };
      if (error.publishing === 'not_ready') return { post: this.update(requested, { step: 'container_created' }) };
      if (error.publishing === 'quota_reached') {
        const freesAt = this.quotaFreesAt(post, 24 * HOUR);
        this.update(requested, { step: 'container_ready', status: 'held', error: postError('publish_limit_reached'), retryAt: freesAt });
        return { retryAt: freesAt, reason: 'publish_limit_reached' };
      }
      throw this.definitive(requested, error);
    }
    return this.published(requested, use, mediaId);
  }

  /** After a publish whose outcome is unknown: the container says whether the post went live. */
  private async reconcile(post: PostRecord, use: AccountUse): Promise<JobOutcome | { post: PostRecord }> {
    const status = await containerStatus(use.api, post.containerId!);
    switch (status.code) {
      case 'PUBLISHED': {
        // Another post's media is never taken for this one: without a caption match, only a lone unclaimed candidate.
        const recent = (await this.recentMedia(post, use)).filter((item) => item.problem === null).map((item) => item.media);
        const byCaption = recent.filter((item) => item.caption === post.caption);
        const match = byCaption.length === 1 ? byCaption[0] : byCaption.length === 0 && recent.length === 1 ? recent[0] : undefined;
        this.attempt(post, 'reconcile', 'info', match ? 'the container was already published' : 'the container was already published; its media could not be told apart');
        return this.published(post, use, match?.id ?? null);
      }
      case 'FINISHED':
        return { post: this.update(post, { step: 'container_ready' }, 'not published yet; publishing again', 'info') };
      case 'IN_PROGRESS':
        return { retryAt: this.deps.clock.now() + RECONCILE_MS, reason: 'container in progress' };
      case 'EXPIRED':
        return { post: await this.recreate(post) };
      case 'ERROR':
        return this.fail(post, 'container_failed', status.detail ?? undefined);
    }
  }

  /** An expired container is made again from scratch: its media links may have expired with it. */
  private async recreate(post: PostRecord): Promise<PostRecord> {
    await this.deps.media.release(post).catch((error: unknown) => this.deps.logger.warn('media release failed', { postId: post.id, error }));
    return this.update(post, { step: 'uploading', containerId: null, children: [], hosted: [] }, 'container expired; creating it again', 'retry');
  }

  private async published(post: PostRecord, use: AccountUse, mediaId: string | null): Promise<JobOutcome> {
    const now = this.deps.clock.now();
    const done = this.update(post, { step: 'published', status: 'published', igMediaId: mediaId, publishedAt: now, error: null, retryAt: null }, 'published', 'ok');
    this.deps.domain.emit('post.published', { postId: post.id });
    return this.followUp(done, use);
  }

  /**
   * What follows a publish, resumable after a crash: the permalink, the first comment, taking the media down.
   * The first comment is never sent twice: `commenting` is stored before it goes, and a run that finds it
   * already there (the app stopped while it was sent) says the comment may be missing instead of sending again.
   */
  private async followUp(initial: PostRecord, use: AccountUse): Promise<JobOutcome> {
    let post = initial;
    const mediaId = post.igMediaId;
    if (mediaId && !post.permalink) {
      const permalink = await mediaPermalink(use.api, mediaId).catch(() => null);
      if (permalink) post = this.update(post, { permalink });
    }
    if (!mediaId && post.firstComment && !post.firstCommentError) {
      // Published, but which media is it? The user says so on the post's page, and the comment goes there.
      post = this.update(post, { firstCommentError: postError('first_comment_media_unknown') }, 'first comment: waiting for the user to choose the Instagram post', 'failed');
    } else if (mediaId && post.firstComment && post.step === 'commenting') {
      post = this.update(post, { firstCommentError: postError('publish_failed', FIRST_COMMENT_UNKNOWN) }, 'first comment: outcome unknown', 'failed');
    } else if (mediaId && post.firstComment) {
      const comment = post.firstComment;
      post = this.update(post, { step: 'commenting' });
      try {
        await commentOnMedia(use.api, mediaId, comment);
        this.attempt(post, 'first_comment', 'ok', 'first comment posted');
      } catch (error) {
        // The post stays published; the comment's failure is shown on it.
        const detail = isInstagramError(error) ? error.message : 'unknown error';
        post = this.update(post, { firstCommentError: postError('publish_failed', `The first comment was not posted: ${detail}`) }, 'first comment failed', 'failed');
      }
    }
    await this.deps.media.release(post).catch((error: unknown) => this.deps.logger.warn('media release failed', { postId: post.id, error }));
    this.update(post, { step: 'finished' });
    return { done: true };
  }

  /**
   * The account's recent media, each with why it cannot be this post (null: it could): published before
   * shortly ahead of the publish request, or another post's.
   */
  private async recentMedia(post: PostRecord, use: AccountUse): Promise<{ media: MediaItem; problem: string | null }[]> {
    const since = (post.publishRequestedAt ?? post.updatedAt) - 5 * MINUTE;
    const media = await recentMedia(use.api, use.igUserId);
    const claimed = new Set(this.deps.posts.list({ accountId: accountOf(post), status: 'published' }).map((other) => other.igMediaId));
    return media.map((item) => ({
      media: item,
      problem: claimed.has(item.id) ? 'It is another Postdeck post.' : Date.parse(item.timestamp ?? '') >= since ? null : 'It was published before this post was sent.',
    }));
  }

  /** The media that could be this post, newest first, for the user to choose from. */
  mediaChoices(post: PostRecord): Promise<IgMedia[]> {
    return useAccount(this.deps.sessions, accountOf(post), async (use) =>
      (await this.recentMedia(post, use)).filter((item) => item.problem === null).map((item) => toIgMedia(item.media)),
    );
  }

  /**
   * The user chose which Instagram media is this post: it becomes the post's, and the first comment goes
   * there. As after a publish, the comment is never sent twice: the post says it may be missing until
   * Instagram answers, and only a refusal (nothing posted) lets the user choose again.
   */
  postFirstComment(postId: string, igMediaId: string): Promise<void> {
    const start = this.deps.posts.get(postId);
    if (!start) throw new Failure('post_not_found');
    return useAccount(this.deps.sessions, accountOf(start), async (use) => {
      const recent = await this.recentMedia(start, use);
      // Read again after the wait: a second click must find the first one under way.
      const post = this.deps.posts.get(postId);
      if (!post || !awaitsMediaChoice(post)) throw new Failure('post_not_editable', 'Its first comment is not waiting for a choice of Instagram post.');
      const chosen = recent.find((item) => item.media.id === igMediaId);
      if (!chosen) throw new Failure('media_choice_invalid', `It is not one of @${use.username}’s recent posts.`);
      if (chosen.problem) throw new Failure('media_choice_invalid', chosen.problem);
      const sending = this.update(
        post,
        { igMediaId, permalink: chosen.media.permalink ?? null, step: 'commenting', firstCommentError: postError('publish_failed', FIRST_COMMENT_UNKNOWN) },
        `the Instagram post was chosen: ${igMediaId}`,
        'info',
      );
      this.deps.domain.emit('post.published', { postId: post.id });
      try {
        await commentOnMedia(use.api, igMediaId, post.firstComment!);
      } catch (error) {
        const refused = isInstagramError(error) && error.delivery !== 'maybe_sent';
        const change: PostChange = refused
          ? { igMediaId: null, permalink: null, step: 'finished', firstCommentError: postError('first_comment_media_unknown', `Instagram refused the comment: ${error.message}`) }
          : { step: 'finished' };
        this.update(sending, change, refused ? 'first comment refused' : 'first comment: outcome unknown', 'failed');
        throw error;
      }
      this.update(sending, { step: 'finished', firstCommentError: null }, 'first comment posted', 'ok');
    });
  }

  private reelOptions(post: PostRecord): Pick<ContainerInput, 'shareToFeed' | 'audioName' | 'trialStrategy'> {
    return {
      shareToFeed: post.shareToFeed,
      ...(post.audioName ? { audioName: post.audioName } : {}),
      ...(post.trialReel ? { trialStrategy: post.trialReel === 'manual' ? 'MANUAL' : 'SS_PERFORMANCE' } : {}),
    };
  }

  /** An item's own alt text; the post-wide one belongs to the first photo. Videos have none on Instagram. */
  private altTextOf(post: PostRecord, index: number): string | undefined {
    const ref = post.media[index]!;
    if (post.kind === 'reel' || post.kind === 'story' || this.isVideo(ref)) return undefined;
    if (ref.altText) return ref.altText;
    const firstPhoto = post.media.findIndex((item) => !this.isVideo(item));
    return index === firstPhoto ? (post.altText ?? undefined) : undefined;
  }

  /** An imported item is what the media library recorded; a pasted URL can only be told by its extension. */
  private isVideo(ref: PostMediaRef): boolean {
    if ('mediaId' in ref) return this.deps.mediaFiles(ref.mediaId)?.kind === 'video';
    return /\.(mp4|mov)(\?|$)/i.test(ref.url);
  }

  private definitive(post: PostRecord, error: InstagramError): Error {
    const code: ErrorCode =
      error.publishing === 'fetch_failed'
        ? 'media_unavailable'
        : error.publishing === 'account_restricted'
          ? 'account_restricted'
          : error.publishing && ['bad_format', 'bad_aspect', 'image_too_large', 'caption_rejected', 'carousel_count', 'bad_thumb_offset'].includes(error.publishing)
            ? 'post_invalid'
            : 'publish_failed';
    this.failNow(post, code, error.message, error);
    return new PostFailed();
  }

  private fail(post: PostRecord, code: ErrorCode, detail?: string): JobOutcome {
    this.failNow(post, code, detail);
    return { done: true };
  }

  private failNow(post: PostRecord, code: ErrorCode, detail?: string, error?: InstagramError): void {
    this.attempt(post, post.step ?? 'start', 'failed', detail ?? code, error);
    const failed = this.update(post, { status: 'failed', error: postError(code, detail), step: null, containerId: null, children: [], publishRequestedAt: null });
    // Its media stay online no longer than the attempt; a retry hosts them again.
    void this.deps.media.release(failed).catch(() => undefined);
  }

  private update(post: PostRecord, change: PostChange, note?: string, outcome: 'ok' | 'retry' | 'failed' | 'info' = 'info'): PostRecord {
    const updated = this.deps.posts.update(post.id, change, this.deps.clock.now());
    if (note) this.attempt(updated, change.step ?? post.step ?? 'start', outcome, note);
    this.deps.events.emit('posts.changed', { postId: post.id, status: updated.status });
    return updated;
  }

  private attempt(post: PostRecord, step: string, outcome: 'ok' | 'retry' | 'failed' | 'info', detail: string, error?: InstagramError): void {
    this.deps.posts.addAttempt(post.id, {
      at: this.deps.clock.now(),
      step,
      outcome,
      detail,
      ...(error?.details.code !== undefined ? { code: error.details.code } : {}),
      ...(error?.details.subcode !== undefined ? { subcode: error.details.subcode } : {}),
    });
  }
}

/** Thrown out of a step once the post is marked failed; the job is then done. */
class PostFailed extends Error {
  override readonly name = 'PostFailed';
}
