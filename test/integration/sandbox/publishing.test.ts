import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../../src-main/config/manualClock';
import { InstagramClient } from '../../../src-main/instagram/client';
import {
  commentOnMedia,
  containerStatus,
  createContainer,
  mediaPermalink,
  publishContainer,
  publishingLimit,
  type ContainerInput,
} from '../../../src-main/instagram/publishing';
import { recentMedia } from '../../../src-main/instagram/media';
import type { AccountGraph, GraphTransport } from '../../../src-main/instagram/transport';
import type { UsageReading } from '../../../src-main/ratelimit/usage';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { BAKERY, BASIC, MAYA, PUBLISH, control, get } from './helpers';
import { instagramFailure } from '../../helpers/instagramFailure';
import { hasEncoder, makeTestVideo, type TestVideo } from '../../helpers/testVideos';

const clock = new ManualClock();
let sb: Sandbox;
let client: InstagramClient;
let graph: GraphTransport;
let token: string;
/** Maya's Graph API, bound to her token as the account door binds it. */
let api: AccountGraph;
const usage: UsageReading[] = [];

/** A JPEG (or PNG) of the given size, made here. */
function picture(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
  return (format === 'jpeg' ? image.jpeg() : image.png()).toBuffer();
}

/** A 4 s 9:16 H.264 video at 24 fps: one Instagram takes. */
const VIDEO = readFileSync(join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4'));

let square: string;
const host = (bytes: Buffer, type = 'image/jpeg') => sb.hostMedia(bytes, type).url;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, clock });
  client = new InstagramClient({ authBase: sb.url, apiBase: sb.url, graphBase: sb.url, graphVersion: 'v24.0' }, { onUsage: (reading) => usage.push(reading) });
  graph = client.graphApi;
  square = host(await picture(1080, 1080));
});
afterAll(async () => {
  await client.close();
  await sb.close();
});
beforeEach(() => {
  sb.world.reset();
  token = sb.world.issueLongLivedToken(MAYA).accessToken;
  api = graph.boundTo(token);
});

const create = (input: ContainerInput, as = token, account = MAYA) => createContainer(graph.boundTo(as), account, input);
const status = (id: string) => containerStatus(api, id);
const publish = (id: string) => publishContainer(api, MAYA, id);
const later = (ms: number) => sb.world.advanceClock(ms);

async function finishedImage(caption = 'hello'): Promise<string> {
  const id = await create({ kind: 'image', url: square, caption });
  later(2_000);
  return id;
}

describe('containers and publishing', () => {
  it('an image: fetched from its URL, IN_PROGRESS, FINISHED after 2 s of sandbox time, published once, listed with its permalink', async () => {
    const hosted = sb.hostMedia(await picture(1080, 1350), 'image/jpeg');
    const id = await create({ kind: 'image', url: hosted.url, caption: 'First #post', altText: 'an orange square' });
    expect(hosted.fetches()).toBe(1); // the sandbox really fetched it while creating the container
    expect(await status(id)).toEqual({ code: 'IN_PROGRESS', detail: 'In Progress: Media is still being processed.' });
    later(1_999);
    expect((await status(id)).code).toBe('IN_PROGRESS');
    later(1);
    expect((await status(id)).code).toBe('FINISHED');
    expect(await publishingLimit(api, MAYA)).toEqual({ used: 0, total: 50, windowSeconds: 86_400 });
    const mediaId = await publish(id);
    expect((await status(id)).code).toBe('PUBLISHED');
    const [item, ...rest] = await recentMedia(api, MAYA);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ id: mediaId, caption: 'First #post', media_type: 'IMAGE', media_product_type: 'FEED', timestamp: '2026-01-01T00:00:02+0000' });
    expect(item!.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\/[A-Za-z0-9_-]{11}\/$/);
    expect(await mediaPermalink(api, mediaId)).toBe(item!.permalink);
    expect((await publishingLimit(api, MAYA)).used).toBe(1);
    const published = (await control(sb, 'GET', '/media')).json;
    expect(published[MAYA]).toHaveLength(1);
    expect(published[MAYA][0]).toMatchObject({ id: mediaId, containerId: id, mediaType: 'IMAGE', permalink: item!.permalink });
    expect(published[BAKERY]).toEqual([]);
    expect(usage.at(-1)!.appPercent).not.toBeNull(); // X-App-Usage on the publishing answers
  });

  it('a reel: video fetched by its ftyp box, with a cover image; FINISHED after 10 s; published as VIDEO / REELS', async () => {
    const cover = sb.hostMedia(await picture(1080, 1920), 'image/jpeg'); // a cover is not held to the feed aspect
    const id = await create({ kind: 'reel', url: host(VIDEO, 'video/mp4'), caption: 'Reel', coverUrl: cover.url });
    expect(cover.fetches()).toBe(1);
    later(2_000);
    expect((await status(id)).code).toBe('IN_PROGRESS');
    expect((await instagramFailure(publish(id))).publishing).toBe('not_ready');
    later(8_000);
    expect((await status(id)).code).toBe('FINISHED');
    const mediaId = await publish(id);
    const [item] = await recentMedia(api, MAYA);
    expect(item).toMatchObject({ id: mediaId, media_type: 'VIDEO', media_product_type: 'REELS', caption: 'Reel' });
  });

  it('a carousel: items (image and video), the parent only from FINISHED items, one CAROUSEL_ALBUM with children, quota counted once', async () => {
    const image = await create({ kind: 'carousel_item_image', url: square });
    const video = await create({ kind: 'carousel_item_video', url: host(VIDEO, 'video/quicktime') });
    later(2_000);
    const early = await instagramFailure(create({ kind: 'carousel', children: [image, video], caption: 'Album' }));
    expect(early.details).toMatchObject({ code: 9007, subcode: 2207027 }); // the video item is still processing
    later(8_000);
    const parent = await create({ kind: 'carousel', children: [image, video], caption: 'Album' });
    expect((await status(parent)).code).toBe('IN_PROGRESS');
    later(2_000);
    const mediaId = await publish(parent);
    const children = await graph.get(`/${mediaId}`, { fields: 'media_type,children' }, token, z.any());
    expect(children.media_type).toBe('CAROUSEL_ALBUM');
    expect(children.children.data).toHaveLength(2);
    expect((await status(image)).code).toBe('PUBLISHED');
    expect((await publishingLimit(api, MAYA)).used).toBe(1);
    expect((await recentMedia(api, MAYA)).map((m) => m.media_type)).toEqual(['CAROUSEL_ALBUM']); // children are not listed
  });

  it('a carousel item cannot be published on its own, and children must be 2–10 items of this account', async () => {
    const item = await create({ kind: 'carousel_item_image', url: square });
    later(2_000);
    expect((await instagramFailure(publish(item))).details).toMatchObject({ code: 24, subcode: 2207006 });
    expect((await instagramFailure(create({ kind: 'carousel', children: [item] }))).details).toMatchObject({ code: 100, subcode: 2207028 });
    expect((await instagramFailure(create({ kind: 'carousel', children: Array.from({ length: 11 }, () => item) }))).publishing).toBe('carousel_count');
    const bakeryToken = sb.world.issueLongLivedToken(BAKERY).accessToken;
    const theirs = await create({ kind: 'carousel_item_image', url: square }, bakeryToken, BAKERY);
    later(2_000);
    expect((await instagramFailure(create({ kind: 'carousel', children: [item, theirs] }))).details).toMatchObject({ code: 24, subcode: 2207006 });
  });

  it('publishing before FINISHED answers 9007/2207027 with Instagram wording', async () => {
    const id = await create({ kind: 'image', url: square });
    const res = await request(`${sb.url}/v24.0/${MAYA}/media_publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `creation_id=${id}`,
    });
    const body = (await res.body.json()) as { error: Record<string, unknown> };
    expect(res.statusCode).toBe(400);
    expect(body.error).toMatchObject({
      code: 9007,
      error_subcode: 2207027,
      message: 'Media ID is not available',
      error_user_msg: 'The media is not ready for publishing, please wait for a moment',
    });
    expect(res.headers['x-app-usage']).toBeDefined();
  });

  it('publishing the same container twice is refused and publishes nothing more', async () => {
    const id = await finishedImage();
    await publish(id);
    const again = await instagramFailure(publish(id));
    expect(again.details.code).toBe(100);
    expect(again.message).toMatch(/already been published/);
    expect(await recentMedia(api, MAYA)).toHaveLength(1);
    expect((await publishingLimit(api, MAYA)).used).toBe(1);
  });

  it('a container not published within 24 h is EXPIRED and answers -2/2207020', async () => {
    const id = await finishedImage();
    later(24 * 3_600_000 - 2_001);
    expect((await status(id)).code).toBe('FINISHED');
    later(1);
    expect(await status(id)).toEqual({ code: 'EXPIRED', detail: 'Expired: Media was not published within 24 hours.' });
    const error = await instagramFailure(publish(id));
    expect(error.details).toMatchObject({ code: -2, subcode: 2207020 });
    expect(error.publishing).toBe('container_expired');
  });

  it('the publish quota: used up → 9/2207042; freed 24 h after each publish; total set through the options', async () => {
    expect((await control(sb, 'POST', '/options', { publishQuotaTotal: 2 })).json.publishQuotaTotal).toBe(2);
    await publish(await finishedImage('one'));
    later(3_600_000);
    await publish(await finishedImage('two'));
    const third = await finishedImage('three');
    expect(await publishingLimit(api, MAYA)).toEqual({ used: 2, total: 2, windowSeconds: 86_400 });
    const refused = await instagramFailure(publish(third));
    expect(refused.details).toMatchObject({ code: 9, subcode: 2207042 });
    expect(refused.publishing).toBe('quota_reached');
    // The first publish was at 00:00:02; it leaves the window 24 h later, the second stays an hour more.
    later(24 * 3_600_000 - 3_600_000 - 4_000);
    expect((await publishingLimit(api, MAYA)).used).toBe(1);
    await publish(third);
    expect((await publishingLimit(api, MAYA)).used).toBe(2);
  });

  it('at most 400 containers per account in a rolling 24 h', async () => {
    for (let i = 0; i < 400; i++) {
      expect(sb.world.publishing.createContainer({ igUserId: MAYA, kind: 'IMAGE', isCarouselItem: false, caption: '', children: [] }).ok).toBe(true);
    }
    const refused = await instagramFailure(create({ kind: 'image', url: square }));
    expect(refused.details.code).toBe(4);
    expect(refused.kind).toBe('rate_limited');
    later(24 * 3_600_000);
    expect(await create({ kind: 'image', url: square })).toMatch(/^17\d{15}$/);
  });
});

describe('what Instagram refuses at container creation', () => {
  let refusing: Server;
  let refusingUrl: string;
  beforeAll(async () => {
    refusing = createServer((_req, res) => res.writeHead(404).end('gone'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/photo.jpg`;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  const refusal = async (input: ContainerInput) => (await instagramFailure(create(input))).details;

  it('media that cannot be fetched: 9004/2207052 (404, refused connection, removed from hosting, not http)', async () => {
    expect(await refusal({ kind: 'image', url: refusingUrl })).toMatchObject({ code: 9004, subcode: 2207052 });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x.jpg`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await refusal({ kind: 'image', url: closedUrl })).toMatchObject({ code: 9004, subcode: 2207052 });
    const hosted = sb.hostMedia(await picture(100, 100), 'image/jpeg');
    hosted.remove();
    expect(await refusal({ kind: 'image', url: hosted.url })).toMatchObject({ code: 9004, subcode: 2207052 });
    expect(await refusal({ kind: 'reel', url: 'file:///etc/passwd' })).toMatchObject({ code: 9004, subcode: 2207052 });
  });

  it('images: PNG 36001/2207005, over 8 MiB 36000/2207004, aspect outside 4:5–1.91:1 36003/2207009; both limits themselves pass', async () => {
    expect(await refusal({ kind: 'image', url: host(await picture(1080, 1080, 'png'), 'image/png') })).toMatchObject({ code: 36001, subcode: 2207005 });
    // A real JPEG with padding after it: over 8 MiB without spending time encoding a huge picture.
    const big = Buffer.concat([await picture(100, 100), Buffer.alloc(8 * 1024 * 1024)]);
    expect(await refusal({ kind: 'image', url: host(big) })).toMatchObject({ code: 36000, subcode: 2207004 });
    expect(await refusal({ kind: 'image', url: host(await picture(1000, 1300)) })).toMatchObject({ code: 36003, subcode: 2207009 });
    expect(await refusal({ kind: 'carousel_item_image', url: host(await picture(1920, 1000)) })).toMatchObject({ code: 36003, subcode: 2207009 });
    await expect(create({ kind: 'image', url: host(await picture(1080, 1350)) })).resolves.toMatch(/^17/);
    await expect(create({ kind: 'image', url: host(await picture(1910, 1000)) })).resolves.toMatch(/^17/);
  });

  it('a video sent as image_url (alone or as a carousel item) is not an image: 36001/2207005', async () => {
    const video = host(VIDEO, 'video/mp4');
    expect(await refusal({ kind: 'image', url: video })).toMatchObject({ code: 36001, subcode: 2207005 });
    expect(await refusal({ kind: 'carousel_item_image', url: video })).toMatchObject({ code: 36001, subcode: 2207005 });
    await expect(create({ kind: 'carousel_item_video', url: video })).resolves.toMatch(/^17/);
  });

  it('videos without an MP4/MOV ftyp box: 352/2207026', async () => {
    const error = await instagramFailure(create({ kind: 'reel', url: host(await picture(100, 100), 'video/mp4') }));
    expect(error.details).toMatchObject({ code: 352, subcode: 2207026 });
    expect(error.publishing).toBe('bad_format');
  });

  describe('videos Instagram’s processing refuses: the container is made, then ends in ERROR 2207026', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'postdeck-sandbox-video-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** The container's status once processed; a Story from the bakery, a Business account. */
    async function processed(name: string, video: TestVideo, kind: 'reel' | 'story_video' = 'reel') {
      const url = host(readFileSync(await makeTestVideo(dir, name, video)), 'video/mp4');
      const [as, account] = kind === 'reel' ? [token, MAYA] : [sb.world.issueLongLivedToken(BAKERY).accessToken, BAKERY];
      const id = await create({ kind, url }, as, account);
      later(60_000);
      return containerStatus(graph.boundTo(as), id);
    }

    it.each<[string, TestVideo]>([
      ['over 60 fps', { rate: 120 }],
      ['MP3 sound', { audioCodec: 'libmp3lame' }],
      ['a variable frame rate', { seconds: 4, rate: 60, variablePace: true }],
      ['under 3 seconds', { seconds: 2 }],
    ])('%s', async (name, video) => {
      expect(await processed(name.replaceAll(' ', '-'), video)).toEqual({ code: 'ERROR', detail: 'Error: 2207026' });
    });

    it('a Story video over 60 seconds', async () => {
      expect(await processed('long-story', { seconds: 61, size: '32x32', rate: 24 }, 'story_video')).toEqual({ code: 'ERROR', detail: 'Error: 2207026' });
    });

    it('H.264 at 30 fps with AAC sound, and HEVC, are taken', async () => {
      expect((await processed('plain', { audioCodec: 'aac' })).code).toBe('FINISHED');
      if (await hasEncoder('libx265')) expect((await processed('hevc', { videoCodec: 'libx265' })).code).toBe('FINISHED');
    });
  });

  it('captions: over 2,200 characters 36004/2207010; over 30 hashtags or 20 mentions 36004/2207040; at the limits accepted', async () => {
    expect(await refusal({ kind: 'image', url: square, caption: 'x'.repeat(2_201) })).toMatchObject({ code: 36004, subcode: 2207010 });
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@user${i}`).join(' ');
    expect(await refusal({ kind: 'image', url: square, caption: tags(31) })).toMatchObject({ code: 36004, subcode: 2207040 });
    expect(await refusal({ kind: 'image', url: square, caption: mentions(21) })).toMatchObject({ code: 36004, subcode: 2207040 });
    await expect(create({ kind: 'image', url: square, caption: `${'y'.repeat(2_000)} ${tags(30)}`.slice(0, 2_200) })).resolves.toMatch(/^17/);
    await expect(create({ kind: 'image', url: square, caption: `${tags(30)} ${mentions(20)} hi@example.com` })).resolves.toMatch(/^17/);
  });

  it('the token: invalid 190, without the publish permission 10, for another account 100/33; a Creator account cannot publish Stories', async () => {
    expect((await instagramFailure(create({ kind: 'image', url: square }, 'IGAAnot-a-token'))).details.code).toBe(190);
    const basicOnly = sb.world.issueLongLivedToken(MAYA, { scopes: [BASIC] }).accessToken;
    const denied = await instagramFailure(create({ kind: 'image', url: square }, basicOnly));
    expect(denied.details.code).toBe(10);
    expect(denied.kind).toBe('permission');
    expect((await instagramFailure(create({ kind: 'image', url: square }, token, BAKERY))).details).toMatchObject({ code: 100, subcode: 33 });
    const story = await instagramFailure(graph.post(`/${MAYA}/media`, { media_type: 'STORIES', image_url: square }, token, z.any()));
    expect(story.details.code).toBe(100);
    expect(story.message).toMatch(/STORIES is only available to Instagram Business accounts/);
    expect(sb.world.publishing.containersOf(MAYA)).toEqual([]);
  });
});

describe('faults on publishing', () => {
  it('drop_answer on media_publish: the post goes live, the answer is lost (maybe_sent), the container reads PUBLISHED', async () => {
    const id = await finishedImage();
    await control(sb, 'POST', '/faults', { kind: 'drop_answer', count: 1, match: { method: 'POST', pathSuffix: '/media_publish' } });
    const lost = await instagramFailure(publish(id));
    expect(lost.kind).toBe('network');
    expect(lost.delivery).toBe('maybe_sent');
    expect((await status(id)).code).toBe('PUBLISHED');
    const published = await recentMedia(api, MAYA);
    expect(published).toHaveLength(1);
    expect(sb.world.requestLog().find((e) => e.path.endsWith('/media_publish'))).toMatchObject({ status: 0, faults: ['drop_answer'] });
    expect((await instagramFailure(publish(id))).message).toMatch(/already been published/);
  });

  it('container_error: the container is created, processes, then reads ERROR with the subcode; the control route does the same', async () => {
    await control(sb, 'POST', '/faults', { kind: 'container_error', subcode: 2207026, count: 1, match: { method: 'POST', pathSuffix: '/media' } });
    const id = await create({ kind: 'reel', url: host(VIDEO, 'video/mp4') });
    expect((await status(id)).code).toBe('IN_PROGRESS');
    later(10_000);
    expect(await status(id)).toEqual({ code: 'ERROR', detail: 'Error: 2207026' });
    expect((await instagramFailure(publish(id))).details).toMatchObject({ code: 100, subcode: 2207026 });
    const other = await finishedImage();
    const failed = await control(sb, 'POST', '/containers/error', { containerId: other, subcode: 2207001 });
    expect(failed.json.statusCode).toBe('ERROR');
    expect((await status(other)).detail).toBe('Error: 2207001');
    expect((await control(sb, 'GET', `/containers?igUserId=${MAYA}`)).json[MAYA].map((c: { statusCode: string }) => c.statusCode)).toEqual(['ERROR', 'ERROR']);
  });

  it('the status endpoint answers 5xx or resets with the ordinary faults', async () => {
    const id = await finishedImage();
    await control(sb, 'POST', '/faults', { kind: 'status', status: 503, count: 1, match: { method: 'GET', pathPrefix: `/${id}` } });
    await control(sb, 'POST', '/faults', { kind: 'reset', count: 1, match: { method: 'GET', pathPrefix: `/${id}` } });
    expect((await instagramFailure(status(id))).kind).toBe('server');
    expect((await instagramFailure(status(id))).delivery).toBe('maybe_sent');
    expect((await status(id)).code).toBe('FINISHED');
  });
});

describe('media, comments, hosting', () => {
  it('GET /{ig-user-id}/media: newest first, paged with cursors.after and next', async () => {
    for (const caption of ['a', 'b', 'c']) {
      await publish(await finishedImage(caption));
      later(60_000);
    }
    const first = await graph.page(`/${MAYA}/media`, { fields: 'id,caption', limit: '2' }, token, z.object({ id: z.string(), caption: z.string() }));
    expect(first.items.map((m) => m.caption)).toEqual(['c', 'b']);
    expect(first.nextCursor).not.toBeNull();
    const raw = await get(sb, `/v24.0/${MAYA}/media?fields=caption&limit=2&access_token=${token}`);
    expect(raw.json.paging.next).toContain('after=');
    expect(raw.json.paging.next).not.toContain('access_token');
    const second = await graph.page(`/${MAYA}/media`, { fields: 'id,caption', limit: '2' }, token, z.object({ id: z.string(), caption: z.string() }), first.nextCursor!);
    expect(second.items.map((m) => m.caption)).toEqual(['a']);
    expect(second.nextCursor).toBeNull();
  });

  it('comments on own media are stored and returned with an id; they need the comments permission', async () => {
    const mediaId = await publish(await finishedImage());
    const commentId = await commentOnMedia(api, mediaId, '#first #comment');
    expect(commentId).toMatch(/^17\d{15}$/);
    const [shown] = (await control(sb, 'GET', `/media?igUserId=${MAYA}`)).json[MAYA];
    expect(shown.comments).toMatchObject([{ id: commentId, text: '#first #comment', igUserId: MAYA }]);
    const noComments = sb.world.issueLongLivedToken(MAYA, { scopes: [BASIC, PUBLISH] }).accessToken;
    expect((await instagramFailure(commentOnMedia(graph.boundTo(noComments), mediaId, 'hi'))).details.code).toBe(10);
  });

  it('hostMedia serves GET and HEAD without any token at an unguessable path; 404 after remove() and for anything else', async () => {
    const bytes = await picture(10, 10);
    const hosted = sb.hostMedia(bytes, 'image/jpeg');
    expect(hosted.url).toMatch(new RegExp(`^${sb.url}/media/[A-Za-z0-9_-]{43}$`));
    const got = await request(hosted.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(await got.body.arrayBuffer())).toEqual(bytes);
    const head = await request(hosted.url, { method: 'HEAD' });
    await head.body.dump();
    expect([head.statusCode, head.headers['content-length']]).toEqual([200, String(bytes.length)]);
    expect(hosted.fetches()).toBe(2);
    hosted.remove();
    expect((await get(sb, new URL(hosted.url).pathname)).status).toBe(404);
    expect((await get(sb, '/media/not-a-secret')).status).toBe(404);
  });
});
