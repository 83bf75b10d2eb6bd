import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { InstagramClient } from '../../../src-main/instagram/client';
import { listMedia } from '../../../src-main/instagram/media';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { MAYA } from './helpers';

let sb: Sandbox;
let client: InstagramClient;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, clock: new ManualClock(Date.UTC(2026, 10, 1, 9)), outsideMediaPerPerson: 3 });
  client = new InstagramClient({ authBase: sb.url, apiBase: sb.url, graphBase: sb.url, graphVersion: 'v24.0' });
});
afterAll(async () => {
  await client.close();
  await sb.close();
});

describe('pictures of media published outside Postdeck', () => {
  it('a photo and a carousel have a media_url, a Reel a thumbnail_url, each served by the sandbox as an image', async () => {
    const api = client.graphApi.boundTo(sb.world.issueLongLivedToken(MAYA).accessToken);
    const { items } = await listMedia(api, MAYA, { limit: 10, fields: 'id,media_type,media_url,thumbnail_url' });
    expect(items.map((m) => m.media_type).sort()).toEqual(['CAROUSEL_ALBUM', 'IMAGE', 'VIDEO']);
    for (const media of items) {
      const picture = media.media_type === 'VIDEO' ? media.thumbnail_url : media.media_url;
      expect(picture, media.media_type).toMatch(new RegExp(`^${sb.url}/cdn/[0-9]+\\.svg$`));
      const answer = await fetch(picture!);
      expect(answer.headers.get('content-type')).toBe('image/svg+xml');
      expect(await answer.text()).toMatch(/^<svg [^>]*viewBox="0 0 1080 1350"/);
    }
    // The carousel shows its first photo, as Instagram's media_url does.
    const carousel = sb.world.publishing.mediaOf(MAYA).find((m) => m.mediaType === 'CAROUSEL_ALBUM')!;
    expect(items.find((m) => m.id === carousel.id)?.media_url).toBe(`${sb.url}/cdn/${carousel.children[0]}.svg`);
  });

  it('answers 404 for an id it has no picture for', async () => {
    expect((await fetch(`${sb.url}/cdn/123.svg`)).status).toBe(404);
    expect((await fetch(`${sb.url}/cdn/not-an-id.svg`)).status).toBe(404);
  });
});
