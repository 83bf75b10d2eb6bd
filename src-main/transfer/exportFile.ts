import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual, type DecipherGCM } from 'node:crypto';
import { chmod, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Failure, isFailure } from '../config/failure';
import { NotARegularFile, openRegularFile } from '../config/regularFile';
import { affordableScrypt, DEFAULT_SCRYPT, derivePassphraseKey, type ScryptParams } from '../vault/passphraseProtector';

/**
 * One export file: `MAGIC`, a one-line JSON header (format version, scrypt parameters, salt, nonce,
 * passphrase check), the AES-256-GCM-sealed body, then its 16-byte tag. The magic and header are the
 * seal's additional data, so every byte of the file is authenticated.
 */
const MAGIC = Buffer.from('POSTDECK-EXPORT\n', 'utf8');
export const EXPORT_FORMAT = 1;
const TAG_BYTES = 16;

interface Header extends ScryptParams {
  format: number;
  kdf: 'scrypt';
  salt: string;
  nonce: string;
  /** HMAC of a fixed label under the derived key: tells a wrong passphrase from a damaged file. */
  check: string;
}

function passphraseCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('postdeck-export passphrase check').digest().subarray(0, 16);
}

const HEADER_MAX_BYTES = 4096;

/** The body as chunks: a media library is streamed through, never held in memory whole. */
export type BodyChunks = AsyncIterable<Buffer> | Iterable<Buffer>;

/**
 * Writes `body` sealed under `passphrase` to `path`: a temporary file beside it, then a rename, mode 0600.
 * A Failure the body throws (a media file that changed meanwhile) is passed on; the temporary file goes.
 */
export async function writeExportFile(path: string, passphrase: string, body: BodyChunks, params: ScryptParams = DEFAULT_SCRYPT): Promise<void> {
  const salt = randomBytes(16);
  const key = await derivePassphraseKey(passphrase, salt, params);
  const nonce = randomBytes(12);
  const header: Header = { format: EXPORT_FORMAT, kdf: 'scrypt', ...params, salt: salt.toString('base64'), nonce: nonce.toString('base64'), check: passphraseCheck(key).toString('base64') };
  const preamble = Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')]);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  let file: FileHandle | null = null;
  try {
    file = await open(temporary, 'wx', 0o600);
    await file.write(preamble);
    // AES-256-GCM is a stream cipher: sealed in pieces it gives the same bytes as sealed at once.
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(preamble);
    for await (const chunk of body) {
      const sealed = cipher.update(chunk);
      if (sealed.length > 0) await file.write(sealed);
    }
    await file.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
    await file.sync();
    await file.close();
    file = null;
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await file?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    if (isFailure(error)) throw error;
    throw new Failure('export_write_failed', error instanceof Error && 'code' in error ? `${String(error.code)} at ${path}` : path);
  } finally {
    key.fill(0);
  }
}

/**
 * Opens an export file and gives its body as chunks. Throws, before any chunk: `export_unreadable` (missing,
 * not an export), `export_too_new`, `export_wrong_passphrase`, `export_damaged` (cut short). The seal is
 * checked when the last chunk has been read: the iteration then throws `export_damaged` if any byte changed,
 * so nothing taken from the chunks may be kept until the iteration has ended.
 */
export async function openExportFile(path: string, passphrase: string): Promise<AsyncIterable<Buffer>> {
  const unreadable = (error: unknown) => new Failure('export_unreadable', error instanceof Error && 'code' in error ? `${String(error.code)} at ${path}` : path);
  const file = await openRegularFile(path).catch((error: unknown) => {
    throw error instanceof NotARegularFile ? new Failure('export_unreadable', `${path} is not a regular file (a folder, a device or a pipe).`) : unreadable(error);
  });
  let key: Buffer | null = null;
  try {
    const { size } = await file.stat();
    const start = Buffer.alloc(Math.min(size, MAGIC.length + HEADER_MAX_BYTES));
    await file.read(start, 0, start.length, 0);
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) throw new Failure('export_unreadable', path);
    const headerEnd = start.indexOf(0x0a, MAGIC.length);
    if (headerEnd < 0 || size < headerEnd + 1 + TAG_BYTES) throw new Failure('export_damaged');
    const header = parseHeader(start.subarray(MAGIC.length, headerEnd));
    key = await derivePassphraseKey(passphrase, Buffer.from(header.salt, 'base64'), header);
    const check = Buffer.from(header.check, 'base64');
    const expected = passphraseCheck(key);
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) throw new Failure('export_wrong_passphrase');
    const tag = Buffer.alloc(TAG_BYTES);
    await file.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.nonce, 'base64'));
    decipher.setAAD(start.subarray(0, headerEnd + 1));
    decipher.setAuthTag(tag);
    return openedBody(file, decipher, headerEnd + 1, size - TAG_BYTES);
  } catch (error) {
    await file.close();
    throw isFailure(error) ? error : unreadable(error);
  } finally {
    key?.fill(0);
  }
}

/** The sealed bytes between `from` and `to`, opened chunk by chunk; the seal is checked at the end. */
async function* openedBody(file: FileHandle, decipher: DecipherGCM, from: number, to: number): AsyncGenerator<Buffer> {
  try {
    if (to > from) {
      for await (const chunk of file.createReadStream({ start: from, end: to - 1, autoClose: false })) {
        const opened = decipher.update(chunk as Buffer);
        if (opened.length > 0) yield opened;
      }
    }
    let last: Buffer;
    try {
      last = decipher.final();
    } catch {
      throw new Failure('export_damaged');
    }
    if (last.length > 0) yield last;
  } finally {
    await file.close();
  }
}

function parseHeader(bytes: Buffer): Header {
  let header: Partial<Header>;
  try {
    header = JSON.parse(bytes.toString('utf8')) as Partial<Header>;
  } catch {
    throw new Failure('export_damaged');
  }
  if (typeof header.format === 'number' && header.format > EXPORT_FORMAT) throw new Failure('export_too_new', `Export format ${header.format}.`);
  const { salt, nonce, check } = header;
  const wellFormed =
    header.format === EXPORT_FORMAT &&
    header.kdf === 'scrypt' &&
    typeof salt === 'string' && typeof nonce === 'string' && typeof check === 'string' &&
    Buffer.from(nonce, 'base64').length === 12;
  if (!wellFormed) throw new Failure('export_damaged');
  // The header is authenticated only once the key is derived: its cost is checked before, or a hostile file freezes the app.
  if (!affordableScrypt(header)) throw new Failure('export_damaged', `Its key-derivation parameters (N=${String(header.N)}, r=${String(header.r)}, p=${String(header.p)}) ask for more time or memory than Postdeck ever uses.`);
  return header as Header;
}
