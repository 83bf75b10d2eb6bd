import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { MediaHostingService, type HostingSecrets, type HostingSettingsStore } from '../../../src-main/media/hosting/service';
import { closedPort, tempDir, writeMedia } from './helpers';

const s3Input = {
  kind: 's3' as const,
  endpoint: 'https://s3.eu-west-1.amazonaws.com',
  region: 'eu-west-1',
  bucket: 'my-media',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'the-secret-key',
};

let stored: string | null;
let secret: string | null;
let service: MediaHostingService;

const store: HostingSettingsStore = { get: () => stored, set: (value) => (stored = value) };
const secrets: HostingSecrets = { get: () => secret, put: (value) => (secret = value), remove: () => (secret = null) };

async function tunnelInput() {
  const localPort = await closedPort();
  return { kind: 'tunnel' as const, localPort, publicBaseUrl: `http://127.0.0.1:${localPort}` };
}

beforeEach(() => {
  stored = null;
  secret = null;
  service = new MediaHostingService({ store, secrets, clock: new ManualClock(), logger: silentLogger, onFetch: () => {} });
});

afterEach(() => service.stop());

describe('MediaHostingService', () => {
  it('starts with no hosting, and says so when asked for a host or a check', async () => {
    expect(service.view()).toEqual({ kind: 'none' });
    expect(() => service.host()).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'hosting_not_configured' }) }));
    const failure = await service.check().catch((error: unknown) => error);
    expect(failure).toMatchObject({ error: { code: 'hosting_not_configured' } });
    expect(failure).not.toHaveProperty('error.detail');
  });

  it('keeps the S3 secret key in the secrets store only, and never shows it', async () => {
    const view = await service.set(s3Input);
    expect(secret).toBe('the-secret-key');
    expect(stored).not.toContain('the-secret-key');
    expect(view).toEqual({ ...s3Input, secretAccessKey: undefined, secretStored: true });
    expect(JSON.stringify(view)).not.toContain('the-secret-key');
    expect(service.host().kind).toBe('s3');
  });

  it('keeps the stored secret when a change to the bucket leaves it out; with none stored it asks for it', async () => {
    await service.set(s3Input);
    const { secretAccessKey: _omitted, ...withoutSecret } = s3Input;
    expect(await service.set({ ...withoutSecret, bucket: 'other-bucket' })).toMatchObject({ bucket: 'other-bucket', secretStored: true });
    expect(secret).toBe('the-secret-key');
    secret = null;
    await expect(service.set(withoutSecret)).rejects.toMatchObject({ error: { code: 'hosting_not_configured', detail: 'Enter the secret access key: none is stored.' } });
    expect(stored).toContain('other-bucket');
  });

  it('asks for the secret again when it is missing or will not open', async () => {
    await service.set(s3Input);
    secret = null;
    await service.stop();
    expect(service.view()).toMatchObject({ kind: 's3', secretStored: false });
    expect(() => service.host()).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'hosting_not_configured' }) }));
  });

  it('drops the S3 secret when the user switches away from S3', async () => {
    await service.set(s3Input);
    await service.set({ kind: 'none' });
    expect(secret).toBeNull();
  });

  it('treats unreadable stored settings as none', () => {
    stored = '{"kind":"s3","endpoint":"nope"}';
    expect(service.view()).toEqual({ kind: 'none' });
  });

  it('runs the tunnel server for a tunnel choice and stops it when the choice changes', async () => {
    const dir = await tempDir();
    const first = await tunnelInput();
    await service.set(first);
    await service.check();
    const path = await writeMedia(dir.path, 'a.jpg', Buffer.from('jpeg'));
    const hosted = await service.host().publish({ path, contentType: 'image/jpeg', bytes: 4 }, { postId: 'p', itemIndex: 0 });
    expect((await request(hosted.url)).statusCode).toBe(200);

    await service.set(await tunnelInput());
    await expect(request(hosted.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await service.check();
    await dir.remove();
  });
});
