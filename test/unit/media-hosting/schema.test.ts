import { describe, expect, it } from 'vitest';
import { mediaHostingInputSchema } from '../../../src-shared/mediaHosting';

const s3 = {
  kind: 's3',
  endpoint: 'https://abc123.r2.cloudflarestorage.com',
  region: 'auto',
  bucket: 'my-media',
  accessKeyId: 'AKIA',
  secretAccessKey: 'secret',
};

const valid = (value: unknown) => mediaHostingInputSchema.safeParse(value).success;

describe('settings.setMediaHosting input', () => {
  it('accepts the three kinds', () => {
    expect(valid(s3)).toBe(true);
    expect(valid({ ...s3, forcePathStyle: true })).toBe(true);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'https://media.example.com' })).toBe(true);
    expect(valid({ kind: 'none' })).toBe(true);
  });

  it('requires https for the endpoint and the public base URL, except on loopback', () => {
    expect(valid({ ...s3, endpoint: 'http://s3.example.com' })).toBe(false);
    expect(valid({ ...s3, endpoint: 'http://127.0.0.1:9000' })).toBe(true);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'http://media.example.com' })).toBe(false);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'http://127.0.0.1:8787' })).toBe(true);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'http://localhost:8787/media' })).toBe(true);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'http://[::1]:8787' })).toBe(true);
  });

  it('refuses a public base URL with a query or # part, or credentials', () => {
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'https://media.example.com/?x=1' })).toBe(false);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'https://media.example.com/#x' })).toBe(false);
    expect(valid({ kind: 'tunnel', localPort: 8787, publicBaseUrl: 'https://me:pw@media.example.com' })).toBe(false);
  });

  it('refuses ports outside 1024–65535, bad bucket names and missing fields', () => {
    expect(valid({ kind: 'tunnel', localPort: 80, publicBaseUrl: 'https://media.example.com' })).toBe(false);
    expect(valid({ kind: 'tunnel', localPort: 70000, publicBaseUrl: 'https://media.example.com' })).toBe(false);
    expect(valid({ ...s3, bucket: 'My_Bucket' })).toBe(false);
    expect(valid({ ...s3, bucket: 'ab' })).toBe(false);
    expect(valid({ ...s3, secretAccessKey: '' })).toBe(false);
    expect(valid({ kind: 'ftp' })).toBe(false);
  });
});
