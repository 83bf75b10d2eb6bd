import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFailure } from '../../../src-main/config/failure';
import { openExportFile, writeExportFile } from '../../../src-main/transfer/exportFile';
import { DEFAULT_SCRYPT, derivePassphraseKey, gcmSeal } from '../../../src-main/vault/passphraseProtector';

const FAST = { N: 1024, r: 8, p: 1 };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-export-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!isFailure(error)) throw error;
    return error.code;
  }
}

/** The whole body, read as the import reads it: chunk by chunk, the seal checked at the end. */
async function readExportFile(path: string, passphrase: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openExportFile(path, passphrase)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The file with its header line rewritten by `change`. */
function withHeader(file: string, change: (header: Record<string, unknown>) => void): string {
  const bytes = readFileSync(file);
  const start = bytes.indexOf(0x0a) + 1;
  const end = bytes.indexOf(0x0a, start);
  const header = JSON.parse(bytes.subarray(start, end).toString('utf8')) as Record<string, unknown>;
  change(header);
  const changed = join(dir, 'changed.pdx');
  writeFileSync(changed, Buffer.concat([bytes.subarray(0, start), Buffer.from(JSON.stringify(header)), bytes.subarray(end)]));
  return changed;
}

describe('the export file', () => {
  it('opens with its passphrase; the header is authenticated with the body', async () => {
    const file = join(dir, 'a.pdx');
    await writeExportFile(file, 'passphrase one', [Buffer.from('the body')], FAST);
    expect((await readExportFile(file, 'passphrase one')).toString()).toBe('the body');
    expect(await codeOf(readExportFile(file, 'passphrase two'))).toBe('export_wrong_passphrase');
    // Same key and check, one more field in the header: the seal no longer matches.
    expect(await codeOf(readExportFile(withHeader(file, (header) => (header.note = 'x')), 'passphrase one'))).toBe('export_damaged');
  });

  it('a newer format, a cut-short file, absurd scrypt parameters and a stranger file are refused by name', async () => {
    const file = join(dir, 'a.pdx');
    await writeExportFile(file, 'passphrase one', [Buffer.from('the body')], FAST);
    expect(await codeOf(readExportFile(withHeader(file, (header) => (header.format = 2)), 'passphrase one'))).toBe('export_too_new');
    expect(await codeOf(readExportFile(withHeader(file, (header) => (header.N = 2 ** 30)), 'passphrase one'))).toBe('export_damaged');
    writeFileSync(join(dir, 'short.pdx'), readFileSync(file).subarray(0, 40));
    expect(await codeOf(readExportFile(join(dir, 'short.pdx'), 'passphrase one'))).toBe('export_damaged');
    writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(await codeOf(readExportFile(join(dir, 'photo.jpg'), 'passphrase one'))).toBe('export_unreadable');
  });

  it('scrypt parameters beyond what Postdeck writes (in time N·r·p, or in memory 128·N·r) are refused by name before deriving', async () => {
    const file = join(dir, 'a.pdx');
    await writeExportFile(file, 'passphrase one', [Buffer.from('the body')], FAST);
    const refusal = async (change: (header: Record<string, unknown>) => void) => {
      try {
        await readExportFile(withHeader(file, change), 'passphrase one');
      } catch (error) {
        if (isFailure(error)) return error.error;
        throw error;
      }
      return null;
    };
    const slow = await refusal((header) => Object.assign(header, { N: 2 ** 15, r: 8, p: 16 }));
    expect(slow).toMatchObject({ code: 'export_damaged', detail: 'Its key-derivation parameters (N=32768, r=8, p=16) ask for more time or memory than Postdeck ever uses.' });
    const large = await refusal((header) => Object.assign(header, { N: 2 ** 18, r: 16, p: 1 }));
    expect(large).toMatchObject({ code: 'export_damaged', detail: expect.stringContaining('(N=262144, r=16, p=1)') });
    expect(await refusal((header) => Object.assign(header, { N: 1000 }))).toMatchObject({ code: 'export_damaged' });
  });

  it('derives the key off the event loop: other work runs while it is derived', async () => {
    let ranMeanwhile = false;
    const derived = derivePassphraseKey('passphrase one', randomBytes(16), DEFAULT_SCRYPT).then(() => ranMeanwhile);
    setImmediate(() => (ranMeanwhile = true));
    expect(await derived).toBe(true);
  });

  it('streams: the writer seals each chunk as it comes, the reader gives the body back in pieces', async () => {
    const file = join(dir, 'large.pdx');
    // One buffer refilled for every chunk: a writer that kept chunks to seal later would write the last one 24 times.
    const chunk = Buffer.alloc(1024 * 1024);
    const written = createHash('sha256');
    async function* body() {
      for (let index = 0; index < 24; index++) {
        randomBytes(chunk.length).copy(chunk);
        written.update(chunk);
        yield chunk;
      }
    }
    await writeExportFile(file, 'passphrase one', body(), FAST);
    const read = createHash('sha256');
    let pieces = 0;
    let largest = 0;
    for await (const piece of await openExportFile(file, 'passphrase one')) {
      read.update(piece);
      pieces++;
      largest = Math.max(largest, piece.length);
    }
    expect(read.digest('hex')).toBe(written.digest('hex'));
    expect(pieces).toBeGreaterThan(24);
    expect(largest).toBeLessThanOrEqual(1024 * 1024);
  });

  it('reads a file sealed in one piece, as Postdeck 0.1 wrote them', async () => {
    const salt = randomBytes(16);
    const key = await derivePassphraseKey('passphrase one', salt, FAST);
    const nonce = randomBytes(12);
    const check = createHmac('sha256', key).update('postdeck-export passphrase check').digest().subarray(0, 16);
    const header = { format: 1, kdf: 'scrypt', ...FAST, salt: salt.toString('base64'), nonce: nonce.toString('base64'), check: check.toString('base64') };
    const preamble = Buffer.from(`POSTDECK-EXPORT\n${JSON.stringify(header)}\n`, 'utf8');
    const sealed = gcmSeal(key, Buffer.from('sealed at once'), preamble, nonce);
    writeFileSync(join(dir, 'old.pdx'), Buffer.concat([preamble, sealed.sealed, sealed.tag]));
    expect((await readExportFile(join(dir, 'old.pdx'), 'passphrase one')).toString()).toBe('sealed at once');
  });
});
