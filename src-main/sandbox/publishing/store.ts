/**
 * Containers, published media and comments (fact sheet §6), on the sandbox clock. A container's status is
 * read from the clock rather than stored, so a test that moves the clock sees IN_PROGRESS → FINISHED → EXPIRED
 * without any timer: FINISHED once its processing time has passed, EXPIRED 24 h after creation unless
 * published, ERROR (after processing) when a fault or the control API gave it an error subcode.
 */
import { DAY } from '../../config/clock';
import { newGraphObjectId, newShortcode } from '../ids';
import { SandboxInputError, type CommentRecord, type GraphErrorSpec, type MediaRecord, type Outcome, type PublishExtras } from '../types';
import { ALREADY_PUBLISHED, CONTAINER_LIMIT, PUBLISHING_ERRORS } from './errors';

export type ContainerKind = 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL' | 'STORIES';
export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface ContainerRecord extends PublishExtras {
  id: string;
  igUserId: string;
  kind: ContainerKind;
  isCarouselItem: boolean;
  /** image_url or video_url as given. */
  mediaUrl?: string;
  coverUrl?: string;
  thumbOffsetMs?: number;
  caption: string;
  altText?: string;
  /** Carousel parent: its item containers, in order. */
  children: string[];
  createdAt: number;
  /** A Story made from video_url (a Story is either kind). */
  isVideo?: boolean;
  /** When processing ends: FINISHED (or ERROR) from then on. */
  readyAt: number;
  errorSubcode?: number;
  publishedMediaId?: string;
}

export type ContainerDraft = Omit<ContainerRecord, 'id' | 'createdAt' | 'readyAt' | 'publishedMediaId'>;

export interface PublishingOptions {
  /** Sandbox-clock time an image container (or a carousel parent) takes to become FINISHED. Default 2 s. */
  imageProcessingMs: number;
  /** Same for video (Reels, video carousel items). Default 10 s. */
  videoProcessingMs: number;
  /** `config.quota_total` of content_publishing_limit: publishes per account per rolling 24 h. Default 50. */
  publishQuotaTotal: number;
  /** Real-time limit on fetching a media URL at container creation. Default 10 s. */
  mediaFetchTimeoutMs: number;
}

export const DEFAULT_PUBLISHING_OPTIONS: PublishingOptions = {
  imageProcessingMs: 2_000,
  videoProcessingMs: 10_000,
  publishQuotaTotal: 50,
  mediaFetchTimeoutMs: 10_000,
};

export const CONTAINER_LIFETIME_MS = DAY;
export const QUOTA_WINDOW_MS = DAY;
export const MAX_CONTAINERS_PER_DAY = 400;

export interface PublishingSnapshot {
  containers: ContainerRecord[];
  media: MediaRecord[];
  comments: CommentRecord[];
}

const STATUS_TEXT: Record<Exclude<ContainerStatusCode, 'ERROR'>, string> = {
  IN_PROGRESS: 'In Progress: Media is still being processed.',
  FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
  PUBLISHED: 'Published: Media has been successfully published.',
  EXPIRED: 'Expired: Media was not published within 24 hours.',
};

/** Instagram links a Reel under /reel/ and everything else under /p/. */
export function permalinkOf(media: MediaRecord): string {
  return `https://www.instagram.com/${media.mediaProductType === 'REELS' ? 'reel' : 'p'}/${media.shortcode}/`;
}

export class PublishingStore {
  private containers = new Map<string, ContainerRecord>();
  private media = new Map<string, MediaRecord>();
  private comments = new Map<string, CommentRecord>();
  /** Per person, in creation order (both only grow, so the newest are last). */
  private containersByPerson = new Map<string, ContainerRecord[]>();
  private mediaByPerson = new Map<string, MediaRecord[]>();
  options: PublishingOptions;

  constructor(
    private readonly initialOptions: PublishingOptions,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {
    this.options = { ...initialOptions };
  }

  reset(): void {
    this.containers.clear();
    this.media.clear();
    this.comments.clear();
    this.containersByPerson.clear();
    this.mediaByPerson.clear();
    this.options = { ...this.initialOptions };
  }

  setOptions(options: Partial<PublishingOptions>): PublishingOptions {
    for (const [key, value] of Object.entries(options) as [keyof PublishingOptions, number | undefined][]) {
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < 0 || (key === 'publishQuotaTotal' && value < 1)) throw new SandboxInputError(`${key} must be a non-negative integer`);
      this.options[key] = value;
    }
    return { ...this.options };
  }

  // ── containers ──────────────────────────────────────────────────────────────────────

  /** Creates a container (its media already checked), or refuses past 400 in 24 h for this person. */
  createContainer(draft: ContainerDraft): Outcome<ContainerRecord> {
    const now = this.now();
    const own = this.containersByPerson.get(draft.igUserId) ?? [];
    if (countSince(own, (c) => c.createdAt, now - QUOTA_WINDOW_MS) >= MAX_CONTAINERS_PER_DAY) return { ok: false, error: CONTAINER_LIMIT };
    const video = draft.kind === 'VIDEO' || draft.kind === 'REELS' || (draft.kind === 'STORIES' && draft.isVideo === true);
    const processing = video ? this.options.videoProcessingMs : this.options.imageProcessingMs;
    const record: ContainerRecord = { ...draft, id: this.newId(), createdAt: now, readyAt: now + processing };
    this.addContainer(record);
    this.changed();
    return { ok: true, value: record };
  }

  container(id: string): ContainerRecord | undefined {
    return this.containers.get(id);
  }

  statusOf(container: ContainerRecord): ContainerStatusCode {
    if (container.publishedMediaId !== undefined) return 'PUBLISHED';
    const now = this.now();
    if (now < container.readyAt) return 'IN_PROGRESS';
    if (container.errorSubcode !== undefined) return 'ERROR';
    if (now >= container.createdAt + CONTAINER_LIFETIME_MS) return 'EXPIRED';
    return 'FINISHED';
  }

  /** The `status` field: Instagram's sentence per state; for ERROR the subcode (`Error: 2207026`). */
  statusText(container: ContainerRecord): string {
    const code = this.statusOf(container);
    return code === 'ERROR' ? `Error: ${container.errorSubcode}` : STATUS_TEXT[code];
  }

  /** The container ends in ERROR with this subcode (once its processing time has passed). */
  failContainer(id: string, subcode: number): ContainerRecord {
    const container = this.containers.get(id);
    if (!container) throw new SandboxInputError(`Unknown container ${id}`);
    if (container.publishedMediaId !== undefined) throw new SandboxInputError(`Container ${id} is already published`);
    container.errorSubcode = subcode;
    this.changed();
    return { ...container };
  }

  containersOf(igUserId: string): ContainerRecord[] {
    return [...(this.containersByPerson.get(igUserId) ?? [])];
  }

  /** Why this container cannot be published (or used as a carousel item) now, if it cannot. */
  notPublishable(container: ContainerRecord): GraphErrorSpec | undefined {
    switch (this.statusOf(container)) {
      case 'FINISHED':
        return undefined;
      case 'IN_PROGRESS':
        return PUBLISHING_ERRORS.notReady;
      case 'EXPIRED':
        return PUBLISHING_ERRORS.expired;
      case 'PUBLISHED':
        return ALREADY_PUBLISHED;
      case 'ERROR':
        return { code: 100, subcode: container.errorSubcode!, message: `(#100) The media container failed to process: ${this.statusText(container)}` };
    }
  }

  // ── publishing ──────────────────────────────────────────────────────────────────────

  /** Publishes a finished container of this person: one media object (a carousel counts once). */
  publish(igUserId: string, containerId: string): Outcome<MediaRecord> {
    const container = this.containers.get(containerId);
    if (!container || container.igUserId !== igUserId || container.isCarouselItem) return { ok: false, error: PUBLISHING_ERRORS.mediaNotFound };
    const refusal = this.notPublishable(container);
    if (refusal) return { ok: false, error: refusal };
    if (this.quotaUsage(igUserId) >= this.options.publishQuotaTotal) return { ok: false, error: PUBLISHING_ERRORS.quotaReached };
    for (const childId of container.children) {
      const child = this.containers.get(childId);
      const childRefusal = child ? this.notPublishable(child) : PUBLISHING_ERRORS.mediaNotFound;
      if (childRefusal) return { ok: false, error: childRefusal };
    }
    const children = container.children.map((childId) => this.mediaFrom(this.containers.get(childId)!, true).id);
    const media = this.mediaFrom(container, false, children);
    this.changed();
    return { ok: true, value: media };
  }

  private mediaFrom(container: ContainerRecord, isChild: boolean, children: string[] = []): MediaRecord {
    const media: MediaRecord = {
      id: this.newId(),
      igUserId: container.igUserId,
      containerId: container.id,
      caption: container.caption,
      mediaType: container.kind === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : container.kind === 'IMAGE' || (container.kind === 'STORIES' && !container.isVideo) ? 'IMAGE' : 'VIDEO',
      mediaProductType: container.kind === 'REELS' ? 'REELS' : container.kind === 'STORIES' ? 'STORY' : 'FEED',
      timestamp: this.now(),
      shortcode: newShortcode(),
      ...(container.mediaUrl !== undefined ? { mediaUrl: container.mediaUrl } : {}),
      ...(container.coverUrl !== undefined ? { thumbnailUrl: container.coverUrl } : {}),
      ...extrasOf(container),
      children,
      isChild,
    };
    container.publishedMediaId = media.id;
    this.addMedia(media);
    return media;
  }

  /**
   * A media object published outside Postdeck (the seed: the Instagram app, another tool): no container.
   * Must be added oldest first, before anything published through the API, like every other media.
   */
  addOutside(input: { igUserId: string; kind: 'IMAGE' | 'REELS' | 'CAROUSEL'; caption: string; timestamp: number; children?: number }): MediaRecord {
    const base = { igUserId: input.igUserId, containerId: '', caption: '', timestamp: input.timestamp, children: [] as string[], isChild: false };
    const children: string[] = [];
    for (let i = 0; i < (input.kind === 'CAROUSEL' ? (input.children ?? 2) : 0); i++) {
      const child: MediaRecord = { ...base, id: this.newId(), mediaType: 'IMAGE', mediaProductType: 'FEED', shortcode: newShortcode(), isChild: true };
      this.addMedia(child);
      children.push(child.id);
    }
    const media: MediaRecord = {
      ...base,
      id: this.newId(),
      caption: input.caption,
      mediaType: input.kind === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : input.kind === 'IMAGE' ? 'IMAGE' : 'VIDEO',
      mediaProductType: input.kind === 'REELS' ? 'REELS' : 'FEED',
      shortcode: newShortcode(),
      children,
    };
    this.addMedia(media);
    return media;
  }

  /** Publishes in the rolling 24 h before now. */
  quotaUsage(igUserId: string): number {
    const own = (this.mediaByPerson.get(igUserId) ?? []).filter((m) => !m.isChild);
    return countSince(own, (m) => m.timestamp, this.now() - QUOTA_WINDOW_MS);
  }

  mediaById(id: string): MediaRecord | undefined {
    return this.media.get(id);
  }

  /** The account's published media (no carousel children), newest first. */
  mediaOf(igUserId: string): MediaRecord[] {
    return (this.mediaByPerson.get(igUserId) ?? []).filter((m) => !m.isChild).reverse();
  }

  /** Every person's published media (no carousel children), newest first. */
  allMedia(): Map<string, MediaRecord[]> {
    return new Map([...this.mediaByPerson.keys()].map((igUserId) => [igUserId, this.mediaOf(igUserId)]));
  }

  // ── comments ────────────────────────────────────────────────────────────────────────

  addComment(mediaId: string, igUserId: string, text: string, extra: Pick<CommentRecord, 'parentId' | 'username'> & { timestamp?: number } = {}): CommentRecord {
    const comment: CommentRecord = { id: this.newId(), mediaId, igUserId, text, timestamp: this.now(), ...extra };
    this.comments.set(comment.id, comment);
    this.changed();
    return comment;
  }

  comment(id: string): CommentRecord | undefined {
    return this.comments.get(id);
  }

  commentsOn(mediaId: string): CommentRecord[] {
    return [...this.comments.values()].filter((c) => c.mediaId === mediaId);
  }

  setCommentHidden(id: string, hidden: boolean): void {
    const comment = this.comments.get(id);
    if (comment) comment.hidden = hidden;
    this.changed();
  }

  /** A top-level comment goes with its replies, as on Instagram. */
  deleteComment(id: string): void {
    for (const comment of [...this.comments.values()]) if (comment.id === id || comment.parentId === id) this.comments.delete(comment.id);
    this.changed();
  }

  setCommentsEnabled(mediaId: string, enabled: boolean): void {
    const media = this.media.get(mediaId);
    if (media) media.commentsDisabled = !enabled;
    this.changed();
  }

  markSeeded(mediaId: string, count: number): void {
    const media = this.media.get(mediaId);
    if (media) media.seededComments = count;
  }

  // ── saved state ─────────────────────────────────────────────────────────────────────

  snapshot(): PublishingSnapshot {
    return {
      containers: [...this.containers.values()].map((c) => ({ ...c, children: [...c.children] })),
      media: [...this.media.values()].map((m) => ({ ...m, children: [...m.children] })),
      comments: [...this.comments.values()].map((c) => ({ ...c })),
    };
  }

  restore(snapshot: PublishingSnapshot, knownPerson: (igUserId: string) => boolean): void {
    this.reset();
    for (const c of snapshot.containers) if (knownPerson(c.igUserId)) this.addContainer({ ...c, children: [...c.children] });
    for (const m of [...snapshot.media].sort((a, b) => a.timestamp - b.timestamp)) if (knownPerson(m.igUserId)) this.addMedia({ ...m, children: [...m.children] });
    for (const c of snapshot.comments) if (this.media.has(c.mediaId)) this.comments.set(c.id, { ...c });
  }

  private addContainer(record: ContainerRecord): void {
    if (this.containers.has(record.id) || this.media.has(record.id)) throw new SandboxInputError(`duplicate id ${record.id} in saved state`);
    this.containers.set(record.id, record);
    push(this.containersByPerson, record.igUserId, record);
  }

  private addMedia(media: MediaRecord): void {
    if (this.media.has(media.id) || this.containers.has(media.id)) throw new SandboxInputError(`duplicate id ${media.id} in saved state`);
    this.media.set(media.id, media);
    push(this.mediaByPerson, media.igUserId, media);
  }

  private newId(): string {
    let id = newGraphObjectId();
    while (this.containers.has(id) || this.media.has(id) || this.comments.has(id)) id = newGraphObjectId();
    return id;
  }
}

/** What the container was sent besides its media, as the published media keeps it. */
function extrasOf(container: ContainerRecord): PublishExtras {
  const { collaborators, userTags, shareToFeed, audioName, trialStrategy } = container;
  return {
    ...(collaborators ? { collaborators: [...collaborators] } : {}),
    ...(userTags ? { userTags: userTags.map((tag) => ({ ...tag })) } : {}),
    ...(shareToFeed !== undefined ? { shareToFeed } : {}),
    ...(audioName !== undefined ? { audioName } : {}),
    ...(trialStrategy !== undefined ? { trialStrategy } : {}),
  };
}

function push<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function countSince<T>(items: T[], at: (item: T) => number, since: number): number {
  let n = 0;
  for (let i = items.length - 1; i >= 0 && at(items[i]!) > since; i--) n++;
  return n;
}
