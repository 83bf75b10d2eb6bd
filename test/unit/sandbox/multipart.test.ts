import { describe, expect, it } from 'vitest';
import { MalformedBodyError, multipartBoundary, parseMultipart } from '../../../src-main/sandbox/multipart';

const body = (b: string) =>
  Buffer.from(
    `--${b}\r\nContent-Disposition: form-data; name="code"\r\n\r\nAQabc\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nignored\r\n` +
      `--${b}\r\ncontent-disposition: form-data; name="redirect_uri"\r\n\r\nhttp://x/cb?a=1\r\n--${b}--\r\n`,
  );

describe('multipart', () => {
  it('reads text fields and skips files', () => {
    const form = parseMultipart(body('----abc'), '----abc');
    expect(form.get('code')).toBe('AQabc');
    expect(form.get('redirect_uri')).toBe('http://x/cb?a=1');
    expect(form.has('file')).toBe(false);
  });

  it('finds quoted and bare boundaries', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data; boundary=xyz; charset=utf-8')).toBe('xyz');
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
  });

  it('throws on malformed bodies', () => {
    expect(() => parseMultipart(Buffer.from('garbage'), 'xyz')).toThrow(MalformedBodyError);
    expect(() => parseMultipart(Buffer.from('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), 'xyz')).toThrow(MalformedBodyError);
  });
});
