import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../../src-main/config/manualClock';
import { InstagramClient } from '../../../src-main/instagram/client';
import { createContainer, publishContainer, type ContainerInput } from '../../../src-main/instagram/publishing';
import type { AccountGraph, GraphTransport } from '../../../src-main/instagram/transport';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { BAKERY, MAYA } from './helpers';
import { instagramFailure } from '../../helpers/instagramFailure';

/** Stories, collaborators, user tags and Reel options as the sandbox checks and keeps them (fact sheet §13). */
const clock = new ManualClock();
let sb: Sandbox;
let client: InstagramClient;
let graph: GraphTransport;
/** The Business account's API (Stories need one) and the Creator account's. */
let bakery: AccountGraph;
let maya: AccountGraph;
let square: string;
let video: string;

/** A 4 s 9:16 H.264 video at 24 fps: one Instagram takes. */
const VIDEO = readFileSync(join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4'));

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, clock });
  client = new InstagramClient({ authBase: sb.url, apiBase: sb.url, graphBase: sb.url, graphVersion: 'v24.0' });
  graph = client.graphApi;
  square = sb.hostMedia(await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c96' } }).jpeg().toBuffer(), 'image/jpeg').url;
  video = sb.hostMedia(VIDEO, 'video/mp4').url;
});
afterAll(async () => {
  await client.close();
  await sb.close();
});
beforeEach(() => {
  sb.world.reset();
  bakery = graph.boundTo(sb.world.issueLongLivedToken(BAKERY).accessToken);
  maya = graph.boundTo(sb.world.issueLongLivedToken(MAYA).accessToken);
});

/** Creates, lets it process, publishes; the published media as a GET reads it. */
async function publishAndRead(api: AccountGraph, account: string, input: ContainerInput, fields: string): Promise<Record<string, unknown>> {
  const id = await createContainer(api, account, input);
  sb.world.advanceClock(10_000);
  const mediaId = await publishContainer(api, account, id);
  return api.get(`/${mediaId}`, { fields }, z.record(z.string(), z.unknown()));
}

const raw = (api: AccountGraph, account: string, form: Record<string, string>) => api.post(`/${account}/media`, form, z.object({ id: z.string() }));

describe('Stories', () => {
  it('a Business account publishes an image or video Story: media_product_type STORY, no caption, its tags kept', async () => {
    const story = await publishAndRead(bakery, BAKERY, { kind: 'story_image', url: square, userTags: [{ username: 'maya.makes' }, { username: 'sam.cooks', x: 0.5, y: 0.25 }] }, 'media_type,media_product_type,caption,user_tags');
    expect(story).toMatchObject({ media_type: 'IMAGE', media_product_type: 'STORY', user_tags: { data: [{ username: 'maya.makes' }, { username: 'sam.cooks', x: 0.5, y: 0.25 }] } });
    expect(story.caption).toBeUndefined();
    expect(await publishAndRead(bakery, BAKERY, { kind: 'story_video', url: video }, 'media_type,media_product_type')).toMatchObject({ media_type: 'VIDEO', media_product_type: 'STORY' });
  });

  it('a Creator account cannot publish a Story; nothing is created', async () => {
    const refused = await instagramFailure(createContainer(maya, MAYA, { kind: 'story_image', url: square }));
    expect(refused.details.code).toBe(100);
    expect(refused.kind).toBe('bad_request');
    expect(sb.world.publishing.containersOf(MAYA)).toEqual([]);
  });

  it('a Story takes no collaborators and no trial_params; a tag spot on it must be inside the picture', async () => {
    expect((await instagramFailure(raw(bakery, BAKERY, { media_type: 'STORIES', image_url: square, collaborators: '["maya.makes"]' }))).message).toMatch(/collaborators is not allowed for stories/);
    expect((await instagramFailure(raw(bakery, BAKERY, { media_type: 'STORIES', image_url: square, trial_params: '{"graduation_strategy":"MANUAL"}' }))).message).toMatch(/trial_params is only supported for REELS/);
    expect((await instagramFailure(raw(bakery, BAKERY, { media_type: 'STORIES', image_url: square, user_tags: '[{"username":"maya.makes","x":1.5,"y":0.2}]' }))).message).toMatch(/x and y must be numbers from 0 to 1/);
    expect(sb.world.publishing.containersOf(BAKERY)).toEqual([]);
  });
});

describe('collaborators', () => {
  it('up to 3 on a feed image, a Reel and a carousel parent, kept on the media and listed as pending invites', async () => {
    const image = await publishAndRead(maya, MAYA, { kind: 'image', url: square, collaborators: ['northside.bakery', 'sam.cooks', 'lee_bakes'] }, 'id');
    const invites = await maya.get(`/${image.id as string}/collaborators`, {}, z.object({ data: z.array(z.object({ username: z.string(), invite_status: z.string() })) }));
    expect(invites.data).toEqual(['northside.bakery', 'sam.cooks', 'lee_bakes'].map((username) => ({ username, invite_status: 'Pending' })));
    const reel = await createContainer(maya, MAYA, { kind: 'reel', url: video, collaborators: ['northside.bakery'] });
    expect(sb.world.publishing.container(reel)?.collaborators).toEqual(['northside.bakery']);
    const item = await createContainer(maya, MAYA, { kind: 'carousel_item_image', url: square });
    const other = await createContainer(maya, MAYA, { kind: 'carousel_item_image', url: square });
    sb.world.advanceClock(2_000);
    const album = await createContainer(maya, MAYA, { kind: 'carousel', children: [item, other], collaborators: ['northside.bakery'] });
    expect(sb.world.publishing.container(album)?.collaborators).toEqual(['northside.bakery']);
  });

  it('a fourth collaborator, one on a carousel item, or a name Instagram cannot load (a leading @) is refused', async () => {
    const four = await instagramFailure(raw(maya, MAYA, { image_url: square, collaborators: '["a.one","b.two","c.three","d.four"]' }));
    expect(four.details.code).toBe(100);
    expect(four.message).toMatch(/at most 3 usernames/);
    expect((await instagramFailure(raw(maya, MAYA, { image_url: square, is_carousel_item: 'true', collaborators: '["a.one"]' }))).message).toMatch(/collaborators is not allowed for carousel items/);
    const at = await instagramFailure(raw(maya, MAYA, { image_url: square, collaborators: '["@a.one"]' }));
    expect(at.details).toMatchObject({ code: 110, subcode: 2207018 });
    expect(sb.world.publishing.containersOf(MAYA)).toEqual([]);
  });
});

describe('user tags', () => {
  it('a photo keeps its tags with their spots; a carousel photo its own; a Reel keeps names only', async () => {
    const photo = await publishAndRead(maya, MAYA, { kind: 'image', url: square, userTags: [{ username: 'northside.bakery', x: 0.1, y: 0.9 }] }, 'user_tags');
    expect(photo.user_tags).toEqual({ data: [{ username: 'northside.bakery', x: 0.1, y: 0.9 }] });
    const item = await createContainer(maya, MAYA, { kind: 'carousel_item_image', url: square, userTags: [{ username: 'sam.cooks', x: 0.5, y: 0.5 }] });
    expect(sb.world.publishing.container(item)?.userTags).toEqual([{ username: 'sam.cooks', x: 0.5, y: 0.5 }]);
    const reel = await createContainer(maya, MAYA, { kind: 'reel', url: video, userTags: [{ username: 'sam.cooks' }] });
    expect(sb.world.publishing.container(reel)?.userTags).toEqual([{ username: 'sam.cooks' }]);
  });

  it('a photo tag without a spot or off the picture, more than 20, on a video carousel item or a carousel parent is refused', async () => {
    expect((await instagramFailure(raw(maya, MAYA, { image_url: square, user_tags: '[{"username":"sam.cooks"}]' }))).message).toMatch(/x and y/);
    expect((await instagramFailure(raw(maya, MAYA, { image_url: square, user_tags: '[{"username":"sam.cooks","x":-0.1,"y":0.5}]' }))).message).toMatch(/x and y/);
    const many = JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ username: `person${i}`, x: 0.5, y: 0.5 })));
    expect((await instagramFailure(raw(maya, MAYA, { image_url: square, user_tags: many }))).message).toMatch(/at most 20 users/);
    const twenty = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ username: `person${i}`, x: 0.5, y: 0.5 })));
    expect((await raw(maya, MAYA, { image_url: square, user_tags: twenty })).id).toMatch(/^[0-9]+$/);
    expect((await instagramFailure(raw(maya, MAYA, { media_type: 'VIDEO', is_carousel_item: 'true', video_url: video, user_tags: '[{"username":"sam.cooks","x":0.5,"y":0.5}]' }))).message).toMatch(/user_tags is not allowed/);
    expect((await instagramFailure(raw(maya, MAYA, { media_type: 'CAROUSEL', children: '1,2', user_tags: '[{"username":"sam.cooks","x":0.5,"y":0.5}]' }))).message).toMatch(/user_tags is not allowed/);
  });
});

describe('Reel options', () => {
  it('share_to_feed, audio_name and trial_params are kept on the Reel', async () => {
    const reel = await publishAndRead(maya, MAYA, { kind: 'reel', url: video, shareToFeed: false, audioName: 'Morning bake', trialStrategy: 'SS_PERFORMANCE' }, 'is_shared_to_feed,audio_name,trial_params');
    expect(reel).toMatchObject({ is_shared_to_feed: false, audio_name: 'Morning bake', trial_params: { graduation_strategy: 'SS_PERFORMANCE' } });
  });

  it('trial_params on anything but a Reel, or with an unknown strategy, is refused', async () => {
    expect((await instagramFailure(raw(maya, MAYA, { image_url: square, trial_params: '{"graduation_strategy":"MANUAL"}' }))).message).toMatch(/only supported for REELS/);
    expect((await instagramFailure(raw(maya, MAYA, { media_type: 'REELS', video_url: video, trial_params: '{"graduation_strategy":"SOON"}' }))).message).toMatch(/MANUAL or SS_PERFORMANCE/);
    expect(sb.world.publishing.containersOf(MAYA)).toEqual([]);
  });
});
