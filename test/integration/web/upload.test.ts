import { readdirSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, UPLOAD_PATH } from '../../../src-main/host/apiServer';
import { startHarness, type Harness } from '../../helpers/harness';
import { serveApi } from '../../helpers/webApi';

const TOKEN = 'u'.repeat(43);
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

const uploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('postdeck-upload-'));

async function upload(body: Buffer, name: string, token = TOKEN) {
  const response = await request(`${base}${UPLOAD_PATH}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  return { status: response.statusCode, body: (await response.body.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; detail?: string } } };
}

describe('browser host: uploading a file into the media library', () => {
  it('imports the bytes as a desktop path would be, and keeps no temporary copy', async () => {
    const before = uploads();
    const png = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c96' } }).png().toBuffer();
    const answer = await upload(png, 'holiday photo.png');
    expect(answer).toMatchObject({ status: 200, body: { ok: true, value: { kind: 'image', width: 1600, height: 1200 } } });
    expect(uploads()).toEqual(before);
    const post = await harness.value<{ id: string }>('posts.create', { accountId: '00000000-0000-4000-8000-000000000000', kind: 'image', caption: '', media: [{ mediaId: answer.body.value!.id as string }] }).catch((error: Error) => error);
    expect(post).toBeInstanceOf(Error); // no such account; the media id itself was accepted by the schema
  });

  it('a name is only a name: path parts are dropped, and what is not a photo or video is refused', async () => {
    const answer = await upload(Buffer.from('#!/bin/sh\necho hi\n'), '../../../../etc/cron.d/evil');
    expect(answer.body.ok).toBe(false);
    expect(readdirSync('/etc/cron.d').includes('evil')).toBe(false);
  });

  it('refuses a name that is empty, "." or ".." once its path parts are dropped, saying why', async () => {
    for (const name of ['..', '.', '', 'photos/..', '/']) {
      const answer = await upload(Buffer.from('x'), name);
      expect(answer).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_request' } } });
      expect(answer.body.error?.detail).toContain('no file name');
    }
  });

  it('refuses without the token, and a file larger than Instagram accepts, before reading it', async () => {
    expect((await upload(Buffer.from('x'), 'a.jpg', 'wrong')).status).toBe(401);
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(`${base}${UPLOAD_PATH}?name=big.mp4`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        outgoing.destroy();
      });
      outgoing.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      outgoing.write('x');
    });
    expect(status).toBe(413);
  });
});
