import { describe, expect, it } from 'vitest';
import { hostingDraft, hostingInput } from '../../../src-renderer/features/settings/hostingForm';

describe('media hosting form', () => {
  const bucket = { ...hostingDraft({ kind: 'none' }), kind: 's3' as const, endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: 'my-media', accessKeyId: 'AKIA1' };

  it('a bucket needs its secret key unless one is stored; a stored one is kept by leaving the field empty', () => {
    expect(hostingInput(bucket, false)).toEqual({ ok: false, problem: 'Enter the secret access key.' });
    expect(hostingInput(bucket, true)).toEqual({ ok: true, value: { kind: 's3', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: 'my-media', accessKeyId: 'AKIA1', forcePathStyle: false } });
    const typed = hostingInput({ ...bucket, secretAccessKey: 's3cret' }, true);
    expect(typed.ok && typed.value.kind === 's3' && typed.value.secretAccessKey).toBe('s3cret');
  });

  it("refuses with the contract's own words and the field's name", () => {
    expect(hostingInput({ ...bucket, endpoint: 'http://s3.example.com' }, true)).toEqual({ ok: false, problem: 'Endpoint: Use an https:// address (plain http:// only for 127.0.0.1 or localhost).' });
    expect(hostingInput({ ...bucket, bucket: 'My_Bucket' }, true)).toMatchObject({ ok: false, problem: expect.stringMatching(/^Bucket: Bucket names are 3–63/) });
    const tunnel = { ...hostingDraft({ kind: 'none' }), kind: 'tunnel' as const, localPort: '80', publicBaseUrl: 'https://media.example.com' };
    expect(hostingInput(tunnel, false)).toMatchObject({ ok: false, problem: expect.stringMatching(/^Local port/) });
    expect(hostingInput({ ...tunnel, localPort: '5180' }, false)).toEqual({ ok: true, value: { kind: 'tunnel', localPort: 5180, publicBaseUrl: 'https://media.example.com' } });
  });

  it('an empty or unreadable public address is a problem on its field, not a thrown error', () => {
    const tunnel = { ...hostingDraft({ kind: 'none' }), kind: 'tunnel' as const, localPort: '5000' };
    for (const publicBaseUrl of ['', '   ', 'media.example.com', 'https://']) {
      expect(hostingInput({ ...tunnel, publicBaseUrl }, false)).toEqual({ ok: false, problem: 'Public address: Use an https:// address (plain http:// only for 127.0.0.1 or localhost).' });
    }
    expect(hostingInput({ ...tunnel, publicBaseUrl: 'https://media.example.com/?x=1' }, false)).toEqual({ ok: false, problem: 'Public address: The public address is a base: no ? or # part.' });
  });

  it('starts from what is saved, never with the secret', () => {
    const draft = hostingDraft({ kind: 's3', endpoint: 'https://r2.example.com', region: 'auto', bucket: 'b-1', accessKeyId: 'K', forcePathStyle: true, secretStored: true });
    expect(draft).toMatchObject({ kind: 's3', bucket: 'b-1', secretAccessKey: '', forcePathStyle: true });
  });
});
