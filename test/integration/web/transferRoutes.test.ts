import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_DOWNLOAD_PATH, EXPORT_SUMMARY_HEADER, IMPORT_UPLOAD_PATH, PASSPHRASE_HEADER } from '../../../src-main/host/apiServer';
import { connectAs, consent, startHarness, type Harness } from '../../helpers/harness';
import { serveApi } from '../../helpers/webApi';

const TOKEN = 't'.repeat(43);
let harness: Harness;
let server: Server;
let base: string;

beforeEach(async () => {
  harness = await startHarness();
  ({ server, base } = await serveApi(harness, TOKEN));
});

afterEach(async () => {
  server.close();
  await harness.close();
});

const temporaryFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('postdeck-upload-'));

async function exportFile(passphrase: string, token = TOKEN, extra: { includeMessages?: boolean } = {}) {
  const response = await request(`${base}${EXPORT_DOWNLOAD_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ passphrase, ...extra }),
  });
  return { status: response.statusCode, headers: response.headers, bytes: Buffer.from(await response.body.arrayBuffer()) };
}

async function importFile(bytes: Buffer, passphrase: string) {
  const response = await request(`${base}${IMPORT_UPLOAD_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream', [PASSPHRASE_HEADER]: encodeURIComponent(passphrase) },
    body: bytes,
  });
  return { status: response.statusCode, body: (await response.body.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
}

describe('browser host: export as a download, import as an upload', () => {
  it('puts direct messages in the download only when the user ticked them', async () => {
    const connected = await connectAs(harness, { username: 'maya.makes' });
    if (!connected.ok) throw new Error(connected.error.code);
    const started = await harness.value<{ authorizeUrl: string }>('accounts.enableMessages', { accountId: connected.value.id });
    await harness.app.handleOAuthCallback(await consent(started.authorizeUrl, { username: 'maya.makes' }));
    await harness.value('messages.refresh', { accountId: connected.value.id });
    const before = temporaryFolders();
    const summary = async (extra: { includeMessages?: boolean }) => JSON.parse(String((await exportFile('long enough passphrase', TOKEN, extra)).headers[EXPORT_SUMMARY_HEADER])) as { messages: number };
    expect((await summary({})).messages).toBe(0);
    expect((await summary({ includeMessages: true })).messages).toBe(3);
    // Each download's temporary folder goes once the answer has gone out.
    await vi.waitFor(() => expect(temporaryFolders()).toEqual(before));
  });

  it('answers the sealed file with its counts, keeps no temporary copy, and the same file imports back', async () => {
    const connected = await connectAs(harness, { username: 'maya.makes' });
    expect(connected.ok).toBe(true);
    const before = temporaryFolders();
    const download = await exportFile('pässphrase with ümlauts');
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(JSON.parse(String(download.headers[EXPORT_SUMMARY_HEADER]))).toEqual({ accounts: 1, posts: 0, media: 0, messages: 0 });
    expect(download.bytes.subarray(0, 16).toString('utf8')).toBe('POSTDECK-EXPORT\n');
    // Removed once the answer has gone out, which the client may see first.
    await vi.waitFor(() => expect(temporaryFolders()).toEqual(before));

    expect((await importFile(download.bytes, 'the wrong passphrase')).body).toMatchObject({ ok: false });
    const imported = await importFile(download.bytes, 'pässphrase with ümlauts');
    expect(imported.body).toEqual({ ok: true, value: { accounts: { added: 0, updated: 1 }, posts: 0, media: 0, messages: 0 } });
    expect(temporaryFolders()).toEqual(before);
  });

  it('keeps the passphrase rules and the token', async () => {
    const short = await exportFile('short');
    expect(short.status).toBe(400);
    expect(JSON.parse(short.bytes.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect((await exportFile('a long passphrase', 'x'.repeat(43))).status).toBe(401);
    expect((await importFile(Buffer.from('not an export'), 'short')).status).toBe(400);
  });
});
