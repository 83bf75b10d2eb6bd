import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFailure } from '../../../src-main/config/failure';
import { readExportFile, writeExportFile } from '../../../src-main/transfer/exportFile';

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
    await writeExportFile(file, 'passphrase one', Buffer.from('the body'), FAST);
    expect((await readExportFile(file, 'passphrase one')).toString()).toBe('the body');
    expect(await codeOf(readExportFile(file, 'passphrase two'))).toBe('export_wrong_passphrase');
    // Same key and check, one more field in the header: the seal no longer matches.
    expect(await codeOf(readExportFile(withHeader(file, (header) => (header.note = 'x')), 'passphrase one'))).toBe('export_damaged');
  });

  it('a newer format, a cut-short file, absurd scrypt parameters and a stranger file are refused by name', async () => {
    const file = join(dir, 'a.pdx');
    await writeExportFile(file, 'passphrase one', Buffer.from('the body'), FAST);
    expect(await codeOf(readExportFile(withHeader(file, (header) => (header.format = 2)), 'passphrase one'))).toBe('export_too_new');
    expect(await codeOf(readExportFile(withHeader(file, (header) => (header.N = 2 ** 30)), 'passphrase one'))).toBe('export_damaged');
    writeFileSync(join(dir, 'short.pdx'), readFileSync(file).subarray(0, 40));
    expect(await codeOf(readExportFile(join(dir, 'short.pdx'), 'passphrase one'))).toBe('export_damaged');
    writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(await codeOf(readExportFile(join(dir, 'photo.jpg'), 'passphrase one'))).toBe('export_unreadable');
  });
});
