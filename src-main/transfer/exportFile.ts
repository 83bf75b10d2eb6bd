import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Failure } from '../config/failure';
import { DEFAULT_SCRYPT, derivePassphraseKey, gcmOpen, gcmSeal, type ScryptParams } from '../vault/passphraseProtector';

/**
 * One export file: `MAGIC`, a one-line JSON header (format version, scrypt parameters, salt, nonce,
 * passphrase check), the AES-256-GCM-sealed body, then its 16-byte tag. The magic and header are the
 * seal's additional data, so every byte of the file is authenticated.
 */
const MAGIC = Buffer.from('POSTDECK-EXPORT\n', 'utf8');
export const EXPORT_FORMAT = 1;
const TAG_BYTES = 16;
/** Refuse parameters that would make opening a (possibly hostile) file cost gigabytes. */
const MAX_SCRYPT_N = 2 ** 20;

interface Header {
  format: number;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  nonce: string;
  /** HMAC of a fixed label under the derived key: tells a wrong passphrase from a damaged file. */
  check: string;
}

function passphraseCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('postdeck-export passphrase check').digest().subarray(0, 16);
}

/** Writes `body` sealed under `passphrase` to `path`: a temporary file beside it, then a rename, mode 0600. */
export async function writeExportFile(path: string, passphrase: string, body: Buffer, params: ScryptParams = DEFAULT_SCRYPT): Promise<void> {
  const salt = randomBytes(16);
  const key = derivePassphraseKey(passphrase, salt, params);
  const nonce = randomBytes(12);
  const header: Header = { format: EXPORT_FORMAT, kdf: 'scrypt', ...params, salt: salt.toString('base64'), nonce: nonce.toString('base64'), check: passphraseCheck(key).toString('base64') };
  const preamble = Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')]);
  const sealed = gcmSeal(key, body, preamble, nonce);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await writeFile(temporary, Buffer.concat([preamble, sealed.sealed, sealed.tag]), { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Failure('export_write_failed', error instanceof Error && 'code' in error ? `${String(error.code)} at ${path}` : path);
  } finally {
    key.fill(0);
  }
}

/**
 * Opens an export file. Throws, before anything is written anywhere: `export_unreadable` (missing, not
 * an export), `export_too_new`, `export_wrong_passphrase`, or `export_damaged` (any byte changed).
 */
export async function readExportFile(path: string, passphrase: string): Promise<Buffer> {
  const file = await readFile(path).catch((error: unknown) => {
    throw new Failure('export_unreadable', error instanceof Error && 'code' in error ? `${String(error.code)} at ${path}` : path);
  });
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw new Failure('export_unreadable', path);
  const headerEnd = file.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0 || file.length < headerEnd + 1 + TAG_BYTES) throw new Failure('export_damaged');
  const header = parseHeader(file.subarray(MAGIC.length, headerEnd));
  const key = derivePassphraseKey(passphrase, Buffer.from(header.salt, 'base64'), header);
  try {
    const check = Buffer.from(header.check, 'base64');
    const expected = passphraseCheck(key);
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) throw new Failure('export_wrong_passphrase');
    const preamble = file.subarray(0, headerEnd + 1);
    const sealed = { nonce: Buffer.from(header.nonce, 'base64'), sealed: file.subarray(headerEnd + 1, file.length - TAG_BYTES), tag: file.subarray(file.length - TAG_BYTES) };
    try {
      return gcmOpen(key, sealed, preamble);
    } catch {
      throw new Failure('export_damaged');
    }
  } finally {
    key.fill(0);
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
  const { N, r, p, salt, nonce, check } = header;
  const wellFormed =
    header.format === EXPORT_FORMAT &&
    header.kdf === 'scrypt' &&
    Number.isInteger(N) && Number.isInteger(r) && Number.isInteger(p) &&
    N! > 1 && N! <= MAX_SCRYPT_N && r! >= 1 && r! <= 32 && p! >= 1 && p! <= 16 &&
    typeof salt === 'string' && typeof nonce === 'string' && typeof check === 'string' &&
    Buffer.from(nonce, 'base64').length === 12;
  if (!wellFormed) throw new Failure('export_damaged');
  return header as Header;
}
