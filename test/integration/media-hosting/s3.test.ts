import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { request, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3HostingSettings } from '../../../src-shared/mediaHosting';
import { S3MediaHost } from '../../../src-main/media/hosting/s3';
import { closedPort, tempDir, writeMedia } from './helpers';
import { startSigV4Gate } from './sigv4Gate';

const BUCKET = 'postdeck-media';
// s3rver's built-in account.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let s3rver: S3rver;
let gate: Awaited<ReturnType<typeof startSigV4Gate>>;
let dir: Awaited<ReturnType<typeof tempDir>>;
let settings: S3HostingSettings;

async function objectKeys(): Promise<string[]> {
  const client = new S3Client({ endpoint: settings.endpoint, region: settings.region, credentials: CREDENTIALS, forcePathStyle: true });
  const listing = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listing.Contents ?? []).map((object) => object.Key ?? '');
}

async function get(url: string): Promise<{ status: number; contentType: unknown; body: Buffer }> {
  const response = await request(url);
  return { status: response.statusCode, contentType: response.headers['content-type'], body: Buffer.from(await response.body.arrayBuffer()) };
}

async function failureCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught as { name?: string; error?: { code: string } },
  );
  expect(error?.name).toBe('PostdeckFailure');
  return error?.error?.code ?? 'none';
}

beforeAll(async () => {
  dir = await tempDir();
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir.path + '/s3', resetOnClose: true });
  const { port } = await s3rver.run();
  gate = await startSigV4Gate(port, { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey });
  settings = { kind: 's3', endpoint: `http://127.0.0.1:${gate.port}`, region: 'us-east-1', bucket: BUCKET, ...CREDENTIALS };
  const client = new S3Client({ endpoint: settings.endpoint, region: settings.region, credentials: CREDENTIALS, forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  await gate.close();
  await s3rver.close();
  await dir.remove();
});

describe('S3MediaHost against a local S3-compatible server', () => {
  it('uploads under an unguessable key, serves it through a presigned URL, and deletes it on release', async () => {
    const bytes = randomBytes(200_000);
    const path = await writeMedia(dir.path, 'photo.jpg', bytes);
    const host = new S3MediaHost(settings);

    const hosted = await host.publish({ path, contentType: 'image/jpeg', bytes: bytes.length });

    const key = new URL(hosted.url).pathname.slice(`/${BUCKET}/`.length);
    expect(key).toMatch(/^postdeck\/[A-Za-z0-9_-]{43}\.jpg$/);
    expect(hosted.ref).toBe(key);
    expect(hosted.url).toMatch(/^[\x21-\x7e]+$/);
    expect(new URL(hosted.url).searchParams.get('X-Amz-Expires')).toBe('86400');
    const fetched = await get(hosted.url);
    expect(fetched.status).toBe(200);
    expect(fetched.contentType).toBe('image/jpeg');
    expect(fetched.body.equals(bytes)).toBe(true);
    expect(await objectKeys()).toContain(key);

    await hosted.release();
    expect(await objectKeys()).not.toContain(key);
    expect([403, 404]).toContain((await get(hosted.url)).status);
    await hosted.release(); // idempotent
  });

  it('gives every upload its own key', async () => {
    const path = await writeMedia(dir.path, 'same.jpg', Buffer.from('same bytes'));
    const host = new S3MediaHost(settings);
    const file = { path, contentType: 'image/jpeg', bytes: 10 };
    const [first, second] = await Promise.all([host.publish(file), host.publish(file)]);
    expect(first.ref).not.toBe(second.ref);
    await Promise.all([first.release(), second.release()]);
  });

  it('releases by stored ref after a restart (a new host instance)', async () => {
    const path = await writeMedia(dir.path, 'reel.mp4', Buffer.from('not really a video'));
    const hosted = await new S3MediaHost(settings).publish({ path, contentType: 'video/mp4', bytes: 18 });
    await new S3MediaHost(settings).release(hosted.ref);
    expect(await objectKeys()).not.toContain(hosted.ref);
  });

  it('check() uploads, fetches back and deletes a probe', async () => {
    const before = await objectKeys();
    await new S3MediaHost(settings).check();
    expect(await objectKeys()).toEqual(before);
  });

  it('check() says the credentials are wrong for a wrong secret key', async () => {
    const host = new S3MediaHost({ ...settings, secretAccessKey: 'not-the-secret' });
    expect(await failureCode(host.check())).toBe('hosting_credentials_rejected');
  });

  it('check() says the credentials are wrong for an unknown access key ID', async () => {
    const host = new S3MediaHost({ ...settings, accessKeyId: 'NOT-A-KEY' });
    expect(await failureCode(host.check())).toBe('hosting_credentials_rejected');
  });

  it('check() says the bucket is missing', async () => {
    const host = new S3MediaHost({ ...settings, bucket: 'no-such-bucket' });
    expect(await failureCode(host.check())).toBe('hosting_bucket_missing');
  });

  it('check() says the endpoint is unreachable when nothing listens there', async () => {
    const host = new S3MediaHost({ ...settings, endpoint: `http://127.0.0.1:${await closedPort()}` });
    expect(await failureCode(host.check())).toBe('hosting_unreachable');
  });

  it('check() says the public link fails when the upload works but the fetch does not, and still deletes the probe', async () => {
    // The presigned GET goes through this agent: it answers 403 as a bucket behind the wrong public endpoint would.
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get(settings.endpoint).intercept({ path: () => true }).reply(403, 'denied');
    const before = await objectKeys();
    const host = new S3MediaHost(settings, { dispatcher: agent });
    expect(await failureCode(host.check())).toBe('hosting_fetch_failed');
    expect(await objectKeys()).toEqual(before);
    await agent.close();
  });

  it('check() says the public link fails when nothing answers it', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get(settings.endpoint).intercept({ path: () => true }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    const failure = await new S3MediaHost(settings, { dispatcher: agent }).check().catch((error: unknown) => error);
    expect(failure).toMatchObject({ error: { code: 'hosting_fetch_failed', detail: 'No answer (ECONNREFUSED).' } });
    await agent.close();
  });
});
