import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import type { Post } from '../../../src-shared/posts';
import { SECOND } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { CALLBACK_URL, connectAs, liveModeEnv, startHarness, type Harness } from '../../helpers/harness';
import { tempDir } from '../media-hosting/helpers';
import { startSigV4Gate } from '../media-hosting/sigv4Gate';

const LIVE_APP = { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef' };
const BUCKET = 'creator-media';
// s3rver's built-in account.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Live mode: a second sandbox plays Instagram and fetches the media from the creator's own bucket (s3rver). */
describe('publishing a file through the S3-compatible bucket', () => {
  let instagram: Sandbox;
  let harness: Harness;
  let s3rver: S3rver;
  let gate: Awaited<ReturnType<typeof startSigV4Gate>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let bucket: S3Client;

  beforeAll(async () => {
    dir = await tempDir();
    s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: `${dir.path}/s3`, resetOnClose: true });
    const { port } = await s3rver.run();
    gate = await startSigV4Gate(port, { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey });
    bucket = new S3Client({ endpoint: `http://127.0.0.1:${gate.port}`, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true });
    await bucket.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 9));
    instagram = await startSandbox({ clock, quiet: true, apps: [{ ...LIVE_APP, redirectUris: [CALLBACK_URL], mode: 'live' }] });
    harness = await startHarness({
      clock,
      overrides: {
        env: liveModeEnv(instagram, LIVE_APP, CALLBACK_URL),
      },
    });
  });

  afterAll(async () => {
    await harness.close();
    await instagram.close();
    bucket.destroy();
    await gate.close();
    await s3rver.close();
    await dir.remove();
  });

  const objects = async () => (await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? [];

  it('uploads at publish time, hands Instagram a presigned link, and deletes the object once published', async () => {
    const connected = await connectAs(harness, { username: 'northside.bakery' });
    if (!connected.ok) throw new Error(connected.error.code);
    const account: Account = connected.value;
    await harness.value('settings.setMediaHosting', { kind: 's3', endpoint: `http://127.0.0.1:${gate.port}`, region: 'us-east-1', bucket: BUCKET, ...CREDENTIALS, forcePathStyle: true });
    const file = join(dir.path, 'loaf.png');
    writeFileSync(file, await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c96' } }).png().toBuffer());
    const item = await harness.value<{ id: string }>('media.import', { path: file });
    const post = await harness.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'from my bucket', media: [{ mediaId: item.id }] });
    expect(await objects()).toEqual([]);
    await harness.value('posts.publishNow', { postId: post.id });

    let done = await harness.value<Post>('posts.get', { postId: post.id });
    for (let i = 0; i < 120 && !['published', 'failed', 'held'].includes(done.status); i++) {
      await harness.app.jobsIdle();
      done = await harness.value<Post>('posts.get', { postId: post.id });
      if (done.status === 'publishing') await harness.clock.advanceAsync(SECOND);
    }
    expect(done, JSON.stringify(done.attempts)).toMatchObject({ status: 'published' });
    const [container] = instagram.world.publishing.containersOf(account.igUserId);
    const link = new URL(container!.mediaUrl!);
    expect(`${link.protocol}//${link.host}`).toBe(`http://127.0.0.1:${gate.port}`);
    expect(link.pathname.startsWith(`/${BUCKET}/`)).toBe(true);
    expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(link.searchParams.get('X-Amz-Expires'))).toBeGreaterThanOrEqual(3600);
    expect(instagram.world.publishing.mediaOf(account.igUserId)).toHaveLength(1);
    expect(await objects()).toEqual([]);
  });
});
