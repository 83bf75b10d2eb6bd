import { describe, expect, it } from 'vitest';
import { normalizePublicUrl, PublicUrlMediaHost } from '../../../src-main/media/hosting/publicUrl';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { error?: { code: string } }).error?.code;
  }
  return undefined;
}

describe('normalizePublicUrl', () => {
  it('keeps a plain https URL, query included', () => {
    expect(normalizePublicUrl(' https://cdn.example.com/p/photo.jpg?v=2&size=l ')).toBe('https://cdn.example.com/p/photo.jpg?v=2&size=l');
  });

  it('allows plain http on loopback only', () => {
    expect(normalizePublicUrl('http://127.0.0.1:8080/a.jpg')).toBe('http://127.0.0.1:8080/a.jpg');
    expect(normalizePublicUrl('http://localhost:8080/a.jpg')).toBe('http://localhost:8080/a.jpg');
    expect(codeOf(() => normalizePublicUrl('http://cdn.example.com/a.jpg'))).toBe('hosting_url_not_https');
    expect(codeOf(() => normalizePublicUrl('http://192.168.1.10/a.jpg'))).toBe('hosting_url_not_https');
  });

  it('percent-encodes spaces and non-ASCII characters and punycodes the host, so the URL is US-ASCII', () => {
    expect(normalizePublicUrl('https://bücher.example/fotos/sommer strand.jpg?titel=ü')).toBe(
      'https://xn--bcher-kva.example/fotos/sommer%20strand.jpg?titel=%C3%BC',
    );
  });

  it('refuses a # part, credentials, other schemes and things that are not URLs', () => {
    expect(codeOf(() => normalizePublicUrl('https://cdn.example.com/a.jpg#top'))).toBe('hosting_url_invalid');
    expect(codeOf(() => normalizePublicUrl('https://cdn.example.com/a.jpg#'))).toBe('hosting_url_invalid');
    expect(codeOf(() => normalizePublicUrl('https://user:pass@cdn.example.com/a.jpg'))).toBe('hosting_url_invalid');
    expect(codeOf(() => normalizePublicUrl('ftp://cdn.example.com/a.jpg'))).toBe('hosting_url_invalid');
    expect(codeOf(() => normalizePublicUrl('file:///home/me/a.jpg'))).toBe('hosting_url_invalid');
    expect(codeOf(() => normalizePublicUrl('cdn.example.com/a.jpg'))).toBe('hosting_url_invalid');
    expect(codeOf(() => normalizePublicUrl(''))).toBe('hosting_url_invalid');
  });
});

describe('PublicUrlMediaHost', () => {
  it('publishes the normalized URL and releases nothing', async () => {
    const host = new PublicUrlMediaHost();
    const hosted = await host.publish({ url: 'https://cdn.example.com/a b.jpg' });
    expect(hosted.url).toBe('https://cdn.example.com/a%20b.jpg');
    await hosted.release();
    await hosted.release();
  });

  it('refuses an invalid URL at publish time', async () => {
    await expect(new PublicUrlMediaHost().publish({ url: 'http://cdn.example.com/a.jpg' })).rejects.toMatchObject({
      error: { code: 'hosting_url_not_https' },
    });
  });
});
