import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { appError } from '../../src-shared/errors';
import type { AppMode } from '../../src-shared/models';
import { TOKEN_PURPOSE } from '../accounts/context';
import type { Clock } from '../config/clock';
import { Failure, isFailure } from '../config/failure';
import type { Logger } from '../config/logger';
import type { AccountsRepo } from '../db/accountsRepo';
import type { SecretsRepo } from '../db/secretsRepo';
import type { SettingsRepo } from '../db/settingsRepo';
import type { TableRow, TransferRepo } from '../db/transferRepo';
import { APP_SECRET_OWNER } from '../settings/service';
import type { Vault } from '../vault/vault';
import { openExportFile, writeExportFile } from './exportFile';
import { accountRow, attemptRow, conversationRow, directMessageRow, mediaRow, postRow } from './rows';

/** Settings that travel; the weak-keyring answer belongs to this machine's keyring and stays. */
const MOVED_SETTINGS = ['preferences', 'live.appId', 'live.redirectUri', 'mediaHosting'] as const;

/** An account's columns that describe its token; they stay with the token they describe. */
const TOKEN_COLUMNS = ['token_issued_at', 'token_expires_at', 'last_refresh_at', 'refresh_failures', 'next_attempt_at', 'health_state', 'health_reason', 'health_checked_at', 'health_notified'];

/**
 * What the sealed body holds: a length-prefixed JSON manifest, then each media file's bytes in manifest
 * order (raw, so a large library is not one giant string). Tokens and secrets are in the manifest in the
 * clear, which is why the whole body is sealed.
 */
const manifestSchema = z.object({
  schemaVersion: z.number().int(),
  exportedAt: z.number(),
  settings: z.array(z.object({ key: z.string(), value: z.string() })),
  appSecrets: z.array(z.object({ purpose: z.string(), value: z.string() })),
  accounts: z.array(z.object({ row: accountRow, token: z.string().nullable() })),
  media: z.array(z.object({ row: mediaRow, bytes: z.number().int().nonnegative() })),
  posts: z.array(z.object({ row: postRow, attempts: z.array(attemptRow) })),
  /** Only when the user asked for messages; absent in files written without them (or before messages existed). */
  conversations: z.array(z.object({ row: conversationRow, messages: z.array(directMessageRow) })).optional(),
});
type Manifest = z.infer<typeof manifestSchema>;
type MediaEntry = Manifest['media'][number];
type Conversations = NonNullable<Manifest['conversations']>;

export interface ExportSummary {
  path: string;
  accounts: number;
  posts: number;
  media: number;
  /** Direct messages that went in (only when asked). */
  messages: number;
}

export interface ImportSummary {
  accounts: { added: number; updated: number };
  posts: number;
  media: number;
  messages: number;
}

export interface TransferDeps {
  rows: TransferRepo;
  accounts: Pick<AccountsRepo, 'findByIgUser' | 'get'>;
  secrets: SecretsRepo;
  appSecrets: SecretsRepo;
  settings: SettingsRepo;
  vault: Pick<Vault, 'seal' | 'open'>;
  /** `<dataDir>/media` (MediaLibrary.folder). */
  mediaFolder: string;
  clock: Clock;
  logger: Logger;
  /** Throws, by name, when secrets may not be sealed now (a locked vault, no consent to a weak keyring). */
  requireSealing(): void;
  schedulePublish(post: { id: string; environment: AppMode; dueAt: number }): void;
  /** After a committed import: missed slots, a changed live app, and the screens catch up. */
  imported(): Promise<void>;
}

/**
 * Moves accounts, settings, media and posts between machines in one passphrase-sealed file.
 * An export is a move, not a sync: a post in flight arrives held, never published twice.
 */
export class Transfer {
  constructor(private readonly deps: TransferDeps) {}

  /** Direct messages are other people's words: they go in only with `includeMessages`. */
  async export(input: { path: string; passphrase: string; includeMessages?: boolean | undefined }): Promise<ExportSummary> {
    const manifest = await this.collect(input.includeMessages === true);
    await writeExportFile(input.path, input.passphrase, bodyChunks(manifest, this.deps.mediaFolder));
    const messages = (manifest.conversations ?? []).reduce((sum, c) => sum + c.messages.length, 0);
    this.deps.logger.info('exported', { accounts: manifest.accounts.length, posts: manifest.posts.length, media: manifest.media.length, messages });
    return { path: input.path, accounts: manifest.accounts.length, posts: manifest.posts.length, media: manifest.media.length, messages };
  }

  /**
   * Reads the body as it streams in: the manifest, then each new media file straight to the library folder.
   * Rows are written, in one transaction, only once the whole file has proved authentic.
   */
  async import(input: { path: string; passphrase: string }): Promise<ImportSummary> {
    const body = new ChunkReader(await openExportFile(input.path, input.passphrase));
    try {
      const manifest = await readManifest(body);
      const known = this.deps.rows.schemaVersion();
      if (manifest.schemaVersion > known) throw new Failure('export_too_new', `Data version ${manifest.schemaVersion}; this Postdeck understands up to ${known}.`);
      this.deps.requireSealing();
      const written = new Map<string, string>();
      const publishJobs: Array<{ id: string; environment: AppMode; dueAt: number }> = [];
      let summary: ImportSummary;
      try {
        const newMedia = await this.receiveMedia(manifest.media, body, written);
        await body.end();
        summary = this.deps.rows.atomically(() => this.apply(manifest, newMedia, written, publishJobs));
      } catch (error) {
        await Promise.all([...written.values()].map((file) => rm(join(this.deps.mediaFolder, file), { force: true })));
        if (error instanceof CutShort) return await unexpectedShape(body);
        throw error;
      }
      publishJobs.forEach((job) => this.deps.schedulePublish(job));
      await this.deps.imported();
      this.deps.logger.info('imported', { ...summary.accounts, posts: summary.posts, media: summary.media });
      return summary;
    } finally {
      await body.close();
    }
  }

  /** Everything but the media bytes, which bodyChunks streams from the library folder. */
  private async collect(includeMessages: boolean): Promise<Manifest> {
    const { rows, secrets, appSecrets, settings, vault, mediaFolder, clock } = this.deps;
    const open = (repo: SecretsRepo, ownerId: string, purpose: string) => {
      const sealed = repo.get(ownerId, purpose);
      return sealed ? vault.open(sealed) : null;
    };
    return {
      schemaVersion: rows.schemaVersion(),
      exportedAt: clock.now(),
      settings: MOVED_SETTINGS.flatMap((key) => {
        const value = settings.get(key);
        return value === null ? [] : [{ key, value }];
      }),
      appSecrets: appSecrets.purposes(APP_SECRET_OWNER).flatMap((purpose) => {
        const value = open(appSecrets, APP_SECRET_OWNER, purpose);
        return value === null ? [] : [{ purpose, value }];
      }),
      accounts: rows.accounts().map((account) => ({ row: account as Manifest['accounts'][number]['row'], token: open(secrets, account.id, TOKEN_PURPOSE) })),
      media: await Promise.all(
        rows.media().map(async (item) => {
          const file = join(mediaFolder, item.stored_file);
          const found = await stat(file).catch(() => {
            throw new Failure('export_media_missing', `${String(item.original_name)} (${file})`);
          });
          return { row: item as TableRow as MediaEntry['row'], bytes: found.size };
        }),
      ),
      posts: rows.posts().map((post) => ({ row: post as Manifest['posts'][number]['row'], attempts: rows.attempts(post.id) as Manifest['posts'][number]['attempts'] })),
      ...(includeMessages ? { conversations: rows.conversations().map((row) => ({ row: row as Conversations[number]['row'], messages: rows.directMessages(row.id) as Conversations[number]['messages'] })) } : {}),
    };
  }

  /**
   * Media bytes go in before the rows, straight from the file; media already here is read past. A failure
   * leaves `written` for the caller to remove; a crash leaves files the library clears at start.
   */
  private async receiveMedia(media: MediaEntry[], body: ChunkReader, written: Map<string, string>): Promise<MediaEntry[]> {
    const newMedia: MediaEntry[] = [];
    for (const item of media) {
      if (this.deps.rows.exists('media', item.row.id)) {
        await body.skip(item.bytes);
        continue;
      }
      // The library finds a file's row by the name up to its first "."; never a path from the file.
      const storedFile = `${item.row.id}${extname(item.row.stored_file).replace(/[^.\w]/g, '')}`;
      await mkdir(this.deps.mediaFolder, { recursive: true });
      const file = await open(join(this.deps.mediaFolder, storedFile), 'wx').catch(storageFailed);
      written.set(item.row.id, storedFile);
      try {
        for await (const chunk of body.take(item.bytes)) await file.write(chunk).catch(storageFailed);
      } finally {
        await file.close();
      }
      newMedia.push(item);
    }
    return newMedia;
  }

  private apply(body: Manifest, newMedia: MediaEntry[], storedFiles: Map<string, string>, publishJobs: Array<{ id: string; environment: AppMode; dueAt: number }>): ImportSummary {
    const { rows, accounts, secrets, appSecrets, settings, vault, clock } = this.deps;
    const now = clock.now();
    for (const { key, value } of body.settings) {
      if ((MOVED_SETTINGS as readonly string[]).includes(key)) settings.set(key, value);
    }
    for (const { purpose, value } of body.appSecrets) appSecrets.put(vault.seal(APP_SECRET_OWNER, purpose, value), now);

    // The same Instagram user (environment + user id) is one account: its row is updated, never doubled.
    const accountIds = new Map<string, string>();
    const counts = { added: 0, updated: 0 };
    for (const { row: account, token } of body.accounts) {
      const existing = accounts.findByIgUser(account.environment, account.ig_user_id);
      const { id: exportedId, ...fields } = account;
      let id: string;
      // A token this machine got later (reconnected after the export) is newer than the file's: it stays.
      const keepLocalToken = existing !== null && existing.tokenIssuedAt > Number(fields.token_issued_at);
      if (existing) {
        id = existing.id;
        rows.update('accounts', id, keepLocalToken ? omit(fields, TOKEN_COLUMNS) : fields);
        counts.updated++;
      } else {
        id = accounts.get(exportedId) ? randomUUID() : exportedId;
        rows.insert('accounts', { ...fields, id });
        counts.added++;
      }
      accountIds.set(exportedId, id);
      if (token !== null && !keepLocalToken) secrets.put(vault.seal(id, TOKEN_PURPOSE, token), now);
    }

    for (const { row: item } of newMedia) rows.insert('media', { ...item, stored_file: storedFiles.get(item.id) });

    // Posts merge by id: one already here may have moved on since (published here), so it is left alone.
    let posts = 0;
    for (const { row: post, attempts } of body.posts) {
      // An idea has no account yet; any other post comes only with its account.
      const accountId = post.account_id === null ? null : accountIds.get(post.account_id);
      if (accountId === undefined || rows.exists('posts', post.id)) continue;
      const inFlight = post.status === 'publishing' || post.status === 'held';
      const held = inFlight ? { status: 'held', error: JSON.stringify(heldError()), retry_at: null } : {};
      rows.insert('posts', { ...post, ...held, account_id: accountId, updated_at: now });
      for (const attempt of attempts) rows.insert('publish_attempts', { ...attempt, post_id: post.id });
      if (inFlight) {
        rows.insert('publish_attempts', { post_id: post.id, at: now, step: 'import', outcome: 'info', detail: 'held: it was on its way to Instagram on the other machine when exported' });
      }
      if (post.status === 'scheduled' && typeof post.scheduled_at === 'number') {
        publishJobs.push({ id: post.id, environment: post.environment as AppMode, dueAt: post.scheduled_at });
      }
      posts++;
    }

    // Conversations merge by id and come only with their account; messages already here are kept as they are.
    let messages = 0;
    for (const { row: conversation, messages: items } of body.conversations ?? []) {
      const accountId = accountIds.get(conversation.account_id);
      // Stored only for an account with messages on here too.
      if (accountId === undefined || !accounts.get(accountId)?.messagesEnabled) continue;
      if (!rows.exists('conversations', conversation.id)) rows.insert('conversations', { ...conversation, account_id: accountId });
      for (const message of items) {
        if (rows.exists('direct_messages', message.id)) continue;
        rows.insert('direct_messages', { ...message, account_id: accountId, conversation_id: conversation.id });
        messages++;
      }
    }
    return { accounts: counts, posts, media: newMedia.length, messages };
  }
}

function heldError() {
  const error = appError('post_held_after_import');
  return { code: error.code, message: error.message, action: error.action ?? '' };
}

function storageFailed(error: unknown): never {
  throw new Failure('storage_failed', error instanceof Error && 'code' in error ? String(error.code) : undefined);
}

/** The body: the manifest's length (4 bytes) and JSON, then each media file's bytes in manifest order. */
async function* bodyChunks(manifest: Manifest, mediaFolder: string): AsyncGenerator<Buffer> {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  yield length;
  yield json;
  for (const { row, bytes } of manifest.media) {
    let read = 0;
    for await (const chunk of createReadStream(join(mediaFolder, row.stored_file))) {
      read += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    // The manifest promised `bytes`: a file that changed meanwhile would make the rest unreadable.
    if (read !== bytes) throw new Failure('export_write_failed', `${row.stored_file} changed while it was exported`);
  }
}

/**
 * Authenticated, so not damaged in transit: written by a Postdeck that shapes its body differently. Only
 * known once the whole file was read, since its seal is checked at the end: a changed byte is `export_damaged`.
 */
async function unexpectedShape(body: ChunkReader): Promise<never> {
  await body.end(true);
  throw new Failure('export_unreadable', 'The export body has an unexpected shape.');
}

async function readManifest(body: ChunkReader): Promise<Manifest> {
  let parsed: ReturnType<typeof manifestSchema.safeParse>;
  try {
    const length = (await body.read(4)).readUInt32BE(0);
    parsed = manifestSchema.safeParse(JSON.parse((await body.read(length)).toString('utf8')));
  } catch (error) {
    if (isFailure(error)) throw error;
    return unexpectedShape(body);
  }
  if (parsed.success) return parsed.data;
  // Authentic (the seal is checked first, so a changed byte stays `export_damaged`) but holding a row this app could not read back.
  await body.end(true);
  const [issue] = parsed.error.issues;
  throw new Failure('export_rows_invalid', issue ? `${issue.path.join('.')}: ${issue.message}` : undefined);
}

/** Exact byte counts from a stream of chunks. */
class ChunkReader {
  private readonly source: AsyncIterator<Buffer>;
  private pending: Buffer[] = [];

  constructor(chunks: AsyncIterable<Buffer>) {
    this.source = chunks[Symbol.asyncIterator]();
  }

  /** The next `length` bytes at once (the manifest). */
  async read(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.take(length)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async skip(length: number): Promise<void> {
    for await (const chunk of this.take(length)) void chunk;
  }

  /** The next `length` bytes as chunks; `CutShort` if the body ends first. */
  async *take(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      const head = this.pending.shift() ?? (await this.next());
      if (!head) throw new CutShort();
      const part = head.subarray(0, left);
      if (head.length > part.length) this.pending.unshift(head.subarray(part.length));
      left -= part.length;
      yield part;
    }
  }

  /**
   * Reads to the end, which checks the seal (`export_damaged`). With `skip`, whatever is left is passed over;
   * without, bytes after the last media file mean an unexpected shape.
   */
  async end(skip = false): Promise<void> {
    let extra = this.pending.length > 0;
    this.pending = [];
    for (let chunk = await this.next(); chunk; chunk = await this.next()) extra = true;
    if (extra && !skip) await unexpectedShape(this);
  }

  async close(): Promise<void> {
    await this.source.return?.();
  }

  private async next(): Promise<Buffer | null> {
    const result = await this.source.next();
    return result.done ? null : result.value;
  }
}

class CutShort extends Error {
  override readonly name = 'CutShort';
}

function omit(values: TableRow, names: string[]): TableRow {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !names.includes(name)));
}
