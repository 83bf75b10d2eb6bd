/** Minimal multipart/form-data reader for text fields (file parts are skipped). Throws on malformed input. */

export class MalformedBodyError extends Error {
  override name = 'MalformedBodyError';
}

export function multipartBoundary(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): URLSearchParams {
  const bad = () => new MalformedBodyError('Malformed multipart body');
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  const out = new URLSearchParams();
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw bad();
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return out;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw bad();
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw bad();
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(separator, headerEnd + 4);
    if (next < 0) throw bad();
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw bad();
    if (!/;\s*filename\*?=/i.test(disposition)) out.append(name, body.subarray(headerEnd + 4, next).toString('utf8'));
    pos = next + 2;
  }
}
