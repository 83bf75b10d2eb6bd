import type { AppMode } from '../../src-shared/models';
import type { Post, PostAttempt, PostError, PostKind, PostMediaRef, PostStatus, PublishMode, PublishProgress, ReelCover, TrialReel, UserTag } from '../../src-shared/posts';
import type { Database } from './database';

/** Where the publishing state machine stands; persisted before the request that follows it. */
/**
 * Where publishing stands. After `published` come the follow-ups (permalink, first comment, taking the media
 * down): `commenting` is stored before the first comment is sent, `finished` once everything is done.
 */
export const PUBLISH_STEPS = ['uploading', 'container_created', 'container_ready', 'publish_requested', 'published', 'commenting', 'finished'] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];

/** A media item handed to Instagram: the URL it fetched, and the file behind it (to release after). */
export interface HostedItem {
  itemIndex: number;
  url: string;
  /** The host's handle for a file Postdeck put online (absent for a URL the user gave). */
  ref?: string;
}

/** What a stored post says exactly as the renderer's `Post` does; times and publishing's own state differ. */
type PostFields = Pick<
  Post,
  | 'id'
  | 'accountId'
  | 'version'
  | 'kind'
  | 'caption'
  | 'media'
  | 'altText'
  | 'firstComment'
  | 'reelCover'
  | 'collaborators'
  | 'userTags'
  | 'shareToFeed'
  | 'audioName'
  | 'trialReel'
  | 'mode'
  | 'status'
  | 'pendingReason'
  | 'igMediaId'
  | 'permalink'
  | 'error'
  | 'firstCommentError'
>;

/** A post as stored: times in epoch milliseconds, and where the publishing state machine stands. */
export interface PostRecord extends PostFields {
  environment: AppMode;
  scheduledAt: number | null;
  step: PublishStep | null;
  containerId: string | null;
  children: string[];
  hosted: HostedItem[];
  publishRequestedAt: number | null;
  publishedAt: number | null;
  retryAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface PostRow {
  id: string;
  account_id: string | null;
  version: number;
  environment: string;
  kind: string;
  caption: string;
  media: string;
  alt_text: string | null;
  first_comment: string | null;
  reel_cover: string | null;
  collaborators: string;
  user_tags: string;
  share_to_feed: number;
  audio_name: string | null;
  trial_reel: string | null;
  mode: string;
  status: string;
  pending_reason: string | null;
  scheduled_at: number | null;
  step: string | null;
  container_id: string | null;
  children: string | null;
  hosted: string | null;
  publish_requested_at: number | null;
  published_at: number | null;
  ig_media_id: string | null;
  permalink: string | null;
  error: string | null;
  retry_at: number | null;
  first_comment_error: string | null;
  created_at: number;
  updated_at: number;
}

/** JSON columns are written by this repository only; a damaged one reads as empty rather than crashing a list. */
function json<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function fromRow(row: PostRow): PostRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    version: row.version,
    environment: row.environment as AppMode,
    kind: row.kind as PostKind,
    caption: row.caption,
    media: json<PostMediaRef[]>(row.media, []),
    altText: row.alt_text,
    firstComment: row.first_comment,
    reelCover: json<ReelCover | null>(row.reel_cover, null),
    collaborators: json<string[]>(row.collaborators, []),
    userTags: json<UserTag[]>(row.user_tags, []),
    shareToFeed: row.share_to_feed === 1,
    audioName: row.audio_name,
    trialReel: row.trial_reel as TrialReel | null,
    mode: row.mode as PublishMode,
    status: row.status as PostStatus,
    pendingReason: row.pending_reason as PostRecord['pendingReason'],
    scheduledAt: row.scheduled_at,
    step: row.step as PublishStep | null,
    containerId: row.container_id,
    children: json<string[]>(row.children, []),
    hosted: json<HostedItem[]>(row.hosted, []),
    publishRequestedAt: row.publish_requested_at,
    publishedAt: row.published_at,
    igMediaId: row.ig_media_id,
    permalink: row.permalink,
    error: json<PostError | null>(row.error, null),
    retryAt: row.retry_at,
    firstCommentError: json<PostError | null>(row.first_comment_error, null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const COLUMNS: Record<keyof Omit<PostRecord, 'id' | 'createdAt' | 'version'>, string> = {
  accountId: 'account_id',
  environment: 'environment',
  kind: 'kind',
  caption: 'caption',
  media: 'media',
  altText: 'alt_text',
  firstComment: 'first_comment',
  reelCover: 'reel_cover',
  collaborators: 'collaborators',
  userTags: 'user_tags',
  shareToFeed: 'share_to_feed',
  audioName: 'audio_name',
  trialReel: 'trial_reel',
  mode: 'mode',
  status: 'status',
  pendingReason: 'pending_reason',
  scheduledAt: 'scheduled_at',
  step: 'step',
  containerId: 'container_id',
  children: 'children',
  hosted: 'hosted',
  publishRequestedAt: 'publish_requested_at',
  publishedAt: 'published_at',
  igMediaId: 'ig_media_id',
  permalink: 'permalink',
  error: 'error',
  retryAt: 'retry_at',
  firstCommentError: 'first_comment_error',
  updatedAt: 'updated_at',
};
const JSON_FIELDS = new Set(['media', 'children', 'hosted', 'error', 'firstCommentError', 'reelCover', 'collaborators', 'userTags']);

function toColumnValue(field: string, value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON_FIELDS.has(field) ? (value === null ? null : JSON.stringify(value)) : value;
}

/** `accountId` only for a draft that has none yet (the service decides). */
export type PostChange = Partial<Omit<PostRecord, 'id' | 'environment' | 'createdAt' | 'updatedAt' | 'version'>>;

const MEDIA_FETCH_STEP = 'media_fetch';
export const MEDIA_FETCHES_KEPT = 20;

export class PostsRepo {
  constructor(private readonly db: Database) {}

  insert(record: PostRecord): void {
    // A new post is version 1 (the column's default).
    const fields = ['id', 'createdAt', ...Object.keys(COLUMNS)] as Array<keyof PostRecord>;
    const columns = fields.map((field) => (field === 'id' ? 'id' : field === 'createdAt' ? 'created_at' : COLUMNS[field as keyof typeof COLUMNS]));
    this.db
      .prepare(`INSERT INTO posts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...fields.map((field) => toColumnValue(field, record[field])));
  }

  get(id: string): PostRecord | null {
    const row = this.db.prepare<[string], PostRow>('SELECT * FROM posts WHERE id = ?').get(id);
    return row ? fromRow(row) : null;
  }

  list(filter: { status?: PostStatus; accountId?: string; environment?: AppMode } = {}): PostRecord[] {
    const where: string[] = [];
    const values: unknown[] = [];
    const conditions: Array<[string, unknown]> = [
      ['status = ?', filter.status],
      ['account_id = ?', filter.accountId],
      ['environment = ?', filter.environment],
    ];
    for (const [condition, value] of conditions) {
      if (value === undefined) continue;
      where.push(condition);
      values.push(value);
    }
    const sql = `SELECT * FROM posts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY COALESCE(scheduled_at, created_at) DESC, rowid DESC`;
    return (this.db.prepare(sql).all(...values) as PostRow[]).map(fromRow);
  }

  /** How many posts have a status in an environment, counted by SQLite rather than by loading them. */
  count(filter: { status: PostStatus; environment: AppMode }): number {
    const row = this.db
      .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM posts WHERE status = ? AND environment = ?')
      .get(filter.status, filter.environment);
    return row?.n ?? 0;
  }

  /** Writes the given fields (and the update time) in one statement; every change makes a new version. */
  update(id: string, change: PostChange, now: number): PostRecord {
    const entries = Object.entries({ ...change, updatedAt: now }) as Array<[keyof typeof COLUMNS, unknown]>;
    this.db
      .prepare(`UPDATE posts SET ${entries.map(([field]) => `${COLUMNS[field]} = ?`).join(', ')}, version = version + 1 WHERE id = ?`)
      .run(...entries.map(([field, value]) => toColumnValue(field, value)), id);
    const updated = this.get(id);
    if (!updated) throw new Error(`post ${id} vanished during an update`);
    return updated;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM posts WHERE id = ?').run(id).changes > 0;
  }

  addAttempt(postId: string, attempt: { at: number; step: string; outcome: PostAttempt['outcome']; detail: string; code?: number; subcode?: number }): void {
    this.db
      .prepare('INSERT INTO publish_attempts (post_id, at, step, outcome, detail, ig_code, ig_subcode) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(postId, attempt.at, attempt.step, attempt.outcome, attempt.detail.slice(0, 500), attempt.code ?? null, attempt.subcode ?? null);
  }

  /**
   * One fetch of a post's hosted file. Whoever knows the URL can fetch it again and again, so only the
   * newest MEDIA_FETCHES_KEPT of a post are kept; its other attempt rows stay.
   */
  addMediaFetch(postId: string, fetch: { at: number; outcome: PostAttempt['outcome']; detail: string }): void {
    this.db.transaction(() => {
      this.addAttempt(postId, { ...fetch, step: MEDIA_FETCH_STEP });
      this.db
        .prepare(
          `DELETE FROM publish_attempts WHERE post_id = ? AND step = ? AND id NOT IN
             (SELECT id FROM publish_attempts WHERE post_id = ? AND step = ? ORDER BY id DESC LIMIT ?)`,
        )
        .run(postId, MEDIA_FETCH_STEP, postId, MEDIA_FETCH_STEP, MEDIA_FETCHES_KEPT);
    })();
  }

  attempts(postId: string): PostAttempt[] {
    const rows = this.db
      .prepare<[string], { at: number; step: string; outcome: string; detail: string; ig_code: number | null; ig_subcode: number | null }>(
        'SELECT at, step, outcome, detail, ig_code, ig_subcode FROM publish_attempts WHERE post_id = ? ORDER BY id',
      )
      .all(postId);
    return rows.map((row) => ({
      at: new Date(row.at).toISOString(),
      step: row.step,
      outcome: row.outcome as PostAttempt['outcome'],
      detail: row.detail,
      ...(row.ig_code !== null ? { instagramCode: row.ig_code } : {}),
      ...(row.ig_subcode !== null ? { instagramSubcode: row.ig_subcode } : {}),
    }));
  }
}

/** The step a publishing post is at, as the user sees it; null when it is not publishing. */
function progressOf(record: PostRecord): PublishProgress | null {
  if (record.status !== 'publishing') return null;
  switch (record.step) {
    case null:
    case 'uploading':
      return 'uploading';
    case 'container_created':
      return 'processing';
    default:
      return 'publishing';
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The renderer's view of a post. */
export function toPost(record: PostRecord, attempts: PostAttempt[]): Post {
  return {
    id: record.id,
    accountId: record.accountId,
    version: record.version,
    kind: record.kind,
    caption: record.caption,
    media: record.media,
    altText: record.altText,
    firstComment: record.firstComment,
    reelCover: record.reelCover,
    collaborators: record.collaborators,
    userTags: record.userTags,
    shareToFeed: record.shareToFeed,
    audioName: record.audioName,
    trialReel: record.trialReel,
    mode: record.mode,
    status: record.status,
    scheduledAt: iso(record.scheduledAt),
    publishedAt: iso(record.publishedAt),
    igMediaId: record.igMediaId,
    permalink: record.permalink,
    error: record.error,
    pendingReason: record.pendingReason,
    retryAt: iso(record.retryAt),
    progress: progressOf(record),
    firstCommentError: record.firstCommentError,
    attempts,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
