/**
 * Optional state file for the sandbox's world, so tokens an app stored still work after a restart.
 * Saved: apps, people (with account types), tokens (kind, app, person, scopes, times, revocation), containers,
 * published media, comments, direct messages and the clock offset. Not saved: authorization codes (1 hour, single-use), faults,
 * the request log, usage counters, hosted media, response and publishing options.
 *
 * Saves are coalesced: the first change after a save schedules one write a short while later, so issuing
 * thousands of tokens costs a handful of writes. Each write goes to `<file>.tmp` (mode 0600) and is renamed
 * over the file. An unreadable, corrupt or unknown-version file is set aside and the world starts from the seed.
 * Nothing here logs a token: messages name the file and the problem only.
 */
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { seededCommenterId } from './comments/seed';
import type { PublishingSnapshot } from './publishing/store';
import type { MessagingSnapshot } from './messaging/store';
import { realTimer, type Timer } from './timer';
import { ACCOUNT_TYPES } from './types';
import type { SandboxWorld, WorldSnapshot } from './world';

export const STATE_VERSION = 1;
/** Wait after the first unsaved change before writing. */
export const DEFAULT_SAVE_DELAY_MS = 75;
/** A slow write (a large world) stretches the wait to 10× its duration, up to this. */
const MAX_SAVE_DELAY_MS = 5_000;

const digits = z.string().regex(/^[0-9]{1,32}$/);
const accountType = z.enum(['BUSINESS', 'MEDIA_CREATOR', 'PERSONAL'] satisfies typeof ACCOUNT_TYPES);
const count = z.number().int().min(0);
const time = z.number(); // zod 4 numbers are finite

const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  savedAt: z.string().optional(),
  clockOffsetMs: time,
  apps: z.array(
    z.object({
      appId: z.string(),
      appSecret: z.string(),
      redirectUris: z.array(z.string()),
      mode: z.enum(['development', 'live']),
    }),
  ),
  people: z.array(
    z.object({
      username: z.string(),
      accountType,
      tester: z.boolean(),
      name: z.string().max(1000),
      igUserId: digits,
      id: digits,
      followersCount: count,
      followsCount: count,
      mediaCount: count,
    }),
  ),
  tokens: z.array(
    z.object({
      token: z.string().regex(/^[A-Za-z0-9._-]{8,1024}$/),
      kind: z.enum(['short', 'long']),
      appId: digits,
      igUserId: digits,
      scopes: z.array(z.string()),
      issuedAt: time,
      expiresAt: time,
      revoked: z.enum(['app_removed', 'password_changed']).optional(),
    }),
  ),
  /** Absent in files written before the sandbox had containers. */
  publishing: z
    .object({
      containers: z.array(
        z.object({
          id: digits,
          igUserId: digits,
          kind: z.enum(['IMAGE', 'VIDEO', 'REELS', 'CAROUSEL', 'STORIES']),
          isVideo: z.boolean().optional(),
          isCarouselItem: z.boolean(),
          mediaUrl: z.string().optional(),
          coverUrl: z.string().optional(),
          thumbOffsetMs: count.optional(),
          shareToFeed: z.boolean().optional(),
          collaborators: z.array(z.string()).optional(),
          userTags: z.array(z.object({ username: z.string(), x: z.number().optional(), y: z.number().optional() })).optional(),
          audioName: z.string().optional(),
          trialStrategy: z.enum(['MANUAL', 'SS_PERFORMANCE']).optional(),
          caption: z.string(),
          altText: z.string().optional(),
          children: z.array(digits),
          createdAt: time,
          readyAt: time,
          errorSubcode: z.number().int().optional(),
          publishedMediaId: digits.optional(),
        }),
      ),
      media: z.array(
        z.object({
          id: digits,
          igUserId: digits,
          // Empty for media published outside Postdeck (publishing/outsideMedia.ts): they had no container.
          containerId: z.union([digits, z.literal('')]),
          caption: z.string(),
          mediaType: z.enum(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM']),
          mediaProductType: z.enum(['FEED', 'REELS', 'STORY']),
          shareToFeed: z.boolean().optional(),
          collaborators: z.array(z.string()).optional(),
          userTags: z.array(z.object({ username: z.string(), x: z.number().optional(), y: z.number().optional() })).optional(),
          audioName: z.string().optional(),
          trialStrategy: z.enum(['MANUAL', 'SS_PERFORMANCE']).optional(),

          timestamp: time,
          shortcode: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
          mediaUrl: z.string().optional(),
          thumbnailUrl: z.string().optional(),
          children: z.array(digits),
          isChild: z.boolean(),
          commentsDisabled: z.boolean().optional(),
          seededComments: count.optional(),
        }),
      ),
      comments: z.array(
        z
          .object({
            id: digits,
            mediaId: digits,
            // Empty in files written before seeded commenters had ids: their id follows from their name.
            igUserId: z.union([digits, z.literal('')]),
            text: z.string(),
            timestamp: time,
            parentId: digits.optional(),
            hidden: z.boolean().optional(),
            username: z.string().optional(),
          })
          .transform((comment, ctx) => {
            if (comment.igUserId !== '') return comment;
            const igUserId = seededCommenterId(comment.username);
            if (igUserId) return { ...comment, igUserId };
            ctx.addIssue({ code: 'custom', message: 'a comment without a commenter' });
            return z.NEVER;
          }),
      ),
    })
    .optional(),
  /** Absent in files written before the sandbox had direct messages. */
  messaging: z
    .object({
      conversations: z.array(
        z.object({
          id: z.string().regex(/^[\w-]{1,300}$/),
          businessId: digits,
          personId: digits,
          personUsername: z.string(),
          messages: z.array(z.object({ id: z.string().regex(/^[\w-]{1,300}$/), fromBusiness: z.boolean(), text: z.string(), imageUrl: z.string().url().optional(), createdAt: time })),
        }),
      ),
      privateReplies: z.array(digits),
      seedStarts: z.array(z.object({ businessId: digits, start: time })),
    })
    .optional(),
});

type Saved = z.output<typeof stateSchema>;
type SavedPublishing = NonNullable<Saved['publishing']>;
type SavedMessaging = NonNullable<Saved['messaging']>;
/** True when A and B name the same fields, optional ones included (mutual assignability ignores a missing optional field). */
type SameFields<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/**
 * Compile-time checks that the schema reads every field the world writes and no other: a field added to a
 * record and not here would otherwise be dropped on load, or make the file unreadable.
 */
const _schemaMatchesWriter: [
  SameFields<Saved, WorldSnapshot & { version: number; savedAt?: string }>,
  SameFields<Saved['apps'][number], WorldSnapshot['apps'][number]>,
  SameFields<Saved['people'][number], WorldSnapshot['people'][number]>,
  SameFields<Saved['tokens'][number], WorldSnapshot['tokens'][number]>,
  SameFields<SavedPublishing['containers'][number], PublishingSnapshot['containers'][number]>,
  SameFields<SavedPublishing['media'][number], PublishingSnapshot['media'][number]>,
  SameFields<SavedPublishing['comments'][number], PublishingSnapshot['comments'][number]>,
  SameFields<SavedMessaging, MessagingSnapshot>,
  SameFields<SavedMessaging['conversations'][number], MessagingSnapshot['conversations'][number]>,
  SameFields<SavedMessaging['conversations'][number]['messages'][number], MessagingSnapshot['conversations'][number]['messages'][number]>,
] = [true, true, true, true, true, true, true, true, true, true];
void _schemaMatchesWriter;
/** Compile-time check that the schema's output fits what the world restores. */
const _fits: (value: Saved) => WorldSnapshot = (value) => value;
void _fits;

export type LoadResult =
  | { kind: 'missing' }
  | { kind: 'loaded'; snapshot: WorldSnapshot }
  /** `reason` never quotes the file's content. */
  | { kind: 'unusable'; reason: string; label: 'corrupt' | 'unsupported' };

/** Reads and validates a state file without touching the world. */
export function readStateFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', label: 'corrupt', reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // V8's message quotes part of the input, which may be a token: not used.
    return { kind: 'unusable', label: 'corrupt', reason: 'is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'unusable', label: 'corrupt', reason: 'is not a JSON object' };
  const version = (json as { version?: unknown }).version;
  if (version !== STATE_VERSION) {
    return typeof version === 'number'
      ? { kind: 'unusable', label: 'unsupported', reason: `has unsupported version ${version}` }
      : { kind: 'unusable', label: 'corrupt', reason: 'has no version' };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    return { kind: 'unusable', label: 'corrupt', reason: `does not have the expected shape${at}` };
  }
  const { version: _version, savedAt: _savedAt, ...snapshot } = parsed.data;
  return { kind: 'loaded', snapshot };
}

/** Writes atomically: `<file>.tmp` with mode 0600, flushed, then renamed over `file`. */
export function writeStateFile(file: string, snapshot: WorldSnapshot): void {
  const data = JSON.stringify({ version: STATE_VERSION, savedAt: new Date().toISOString(), ...snapshot });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    try {
      fchmodSync(fd, 0o600); // a leftover .tmp keeps its old mode otherwise
    } catch {
      // Not supported everywhere (Windows); the file is still private to the data folder.
    }
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** `<file>.corrupt-2026-01-01T09-00-00-000Z`: a name that is valid on every OS. */
export function setAsideName(file: string, label: string, at = new Date()): string {
  return `${file}.${label}-${at.toISOString().replace(/[:.]/g, '-')}`;
}

export interface PersistenceOptions {
  file: string;
  quiet?: boolean;
  saveDelayMs?: number;
  /** Where the one-line notices go (default console.error). */
  log?: (line: string) => void;
  /** How the wait before a save is timed (default: real time). */
  timer?: Timer;
}

/** Keeps one world in one file: load once at start, then coalesced saves after changes, flush on close. */
export class WorldPersistence {
  private readonly file: string;
  private readonly baseDelay: number;
  private delay: number;
  private readonly log: (line: string) => void;
  private readonly timer: Timer;
  /** Cancels the scheduled save, if one is. */
  private cancelSave: (() => void) | undefined;
  private dirty = false;
  private failing = false;
  private closed = false;
  private unsubscribe: () => void = () => {};
  /** Completed writes (tests and diagnostics). */
  writes = 0;

  constructor(
    private readonly world: SandboxWorld,
    options: PersistenceOptions,
  ) {
    this.file = options.file;
    this.baseDelay = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
    this.delay = this.baseDelay;
    const log = options.log ?? ((line: string) => console.error(line));
    this.log = options.quiet ? () => {} : log;
    this.timer = options.timer ?? realTimer;
  }

  /** Loads the file into the world if it exists; a bad file is renamed aside and the world stays seeded. */
  load(): LoadResult {
    const result = readStateFile(this.file);
    if (result.kind === 'loaded') {
      try {
        this.world.restore(result.snapshot);
        return result;
      } catch (error) {
        // restore() left the world freshly reset; SandboxInputError messages name people and ids, never tokens.
        const unusable: LoadResult = { kind: 'unusable', label: 'corrupt', reason: `is inconsistent (${error instanceof Error ? error.message : 'error'})` };
        this.setAside(unusable);
        return unusable;
      }
    }
    if (result.kind === 'unusable') this.setAside(result);
    return result;
  }

  /** Starts saving after changes. */
  watch(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
    } catch {
      // The first write reports the problem.
    }
    this.unsubscribe = this.world.onChange(() => this.schedule());
  }

  private schedule(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.cancelSave) return;
    this.cancelSave = this.timer(() => {
      this.cancelSave = undefined;
      this.flush();
    }, this.delay);
  }

  /** Writes now if anything changed since the last write. Never throws: a failed write is logged once. */
  flush(): void {
    this.cancelSave?.();
    this.cancelSave = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const started = performance.now();
    try {
      writeStateFile(this.file, this.world.snapshot());
      this.writes++;
      this.failing = false;
    } catch (error) {
      this.dirty = true; // retried on the next change or on close
      if (!this.failing) this.log(`[sandbox] could not save state to ${this.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      this.failing = true;
    }
    this.delay = Math.min(MAX_SAVE_DELAY_MS, Math.max(this.baseDelay, Math.round((performance.now() - started) * 10)));
  }

  /** Final write; later changes are not saved. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.unsubscribe();
  }

  private setAside(result: Extract<LoadResult, { kind: 'unusable' }>): void {
    const aside = setAsideName(this.file, result.label);
    let moved = true;
    try {
      renameSync(this.file, aside);
    } catch {
      moved = false;
    }
    this.log(`[sandbox] state file ${this.file} ${result.reason}; ${moved ? `moved to ${aside}` : 'could not be moved aside'}; starting from the seeded people`);
  }
}
