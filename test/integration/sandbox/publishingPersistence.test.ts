import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { InstagramClient } from '../../../src-main/instagram/client';
import { containerStatus, createContainer, publishContainer, publishingLimit } from '../../../src-main/instagram/publishing';
import { recentMedia } from '../../../src-main/instagram/media';
import { startSandbox } from '../../../src-main/sandbox';
import { MAYA, control } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-publishing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('publishing state across a sandbox restart', () => {
  it('published media, containers and quota usage survive in the state file', async () => {
    const clock = new ManualClock();
    const stateFile = join(dir, 'state.json');
    const first = await startSandbox({ quiet: true, clock, stateFile });
    const token = first.world.issueLongLivedToken(MAYA).accessToken;
    const endpoints = (url: string) => ({ authBase: url, apiBase: url, graphBase: url, graphVersion: 'v24.0' });
    const firstClient = new InstagramClient(endpoints(first.url));
    const firstApi = firstClient.graphApi.boundTo(token);
    const jpeg = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const published = await createContainer(firstApi, MAYA, { kind: 'image', url: first.hostMedia(jpeg, 'image/jpeg').url, caption: 'kept' });
    const waiting = await createContainer(firstApi, MAYA, { kind: 'image', url: first.hostMedia(jpeg, 'image/jpeg').url });
    first.world.advanceClock(2_000);
    const mediaId = await publishContainer(firstApi, MAYA, published);
    await firstClient.close();
    await first.close();

    const second = await startSandbox({ quiet: true, clock, stateFile });
    const client = new InstagramClient(endpoints(second.url));
    const api = client.graphApi.boundTo(token);
    try {
      expect((await containerStatus(api, published)).code).toBe('PUBLISHED');
      expect((await containerStatus(api, waiting)).code).toBe('FINISHED');
      expect((await recentMedia(api, MAYA)).map((m) => [m.id, m.caption])).toEqual([[mediaId, 'kept']]);
      expect((await publishingLimit(api, MAYA)).used).toBe(1);
      expect((await control(second, 'GET', '/media')).json[MAYA].map((m: { id: string }) => m.id)).toEqual([mediaId]);
      await expect(publishContainer(api, MAYA, published)).rejects.toThrow(/already been published/);
    } finally {
      await client.close();
      await second.close();
    }
  });
});
