import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * What to send for a `Range` request header over a file of `size` bytes (RFC 9110 §14): the whole file,
 * one slice of it, or 416 for a range that starts past its end. A header that is not one `bytes=` range
 * (several ranges, another unit, garbage) is ignored and the whole file sent, as the RFC allows; a
 * `<video>` only ever asks for one.
 */
export type ByteRange = { status: 200 | 206; start: number; end: number } | { status: 416 };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function byteRange(header: string | null | undefined, size: number): ByteRange {
  const whole: ByteRange = { status: 200, start: 0, end: size - 1 };
  const match = header ? SINGLE_RANGE.exec(header.trim()) : null;
  if (!match) return whole;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return whole;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { status: 416 };
    return { status: 206, start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (end < start) return whole;
  if (start >= size) return { status: 416 };
  return { status: 206, start, end: Math.min(end, size - 1) };
}

/** The headers that describe an answer's bytes (for 200, 206 and 416 alike); the caller adds its content type. */
export function byteRangeHeaders(range: ByteRange, size: number): Record<string, string> {
  if (range.status === 416) return { 'accept-ranges': 'bytes', 'content-range': `bytes */${size}`, 'content-length': '0' };
  const headers: Record<string, string> = { 'accept-ranges': 'bytes', 'content-length': String(size === 0 ? 0 : range.end - range.start + 1) };
  if (range.status === 206) headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
  return headers;
}

/** The answer's bytes, streamed from disk (never read whole: a Reel may be a gigabyte). */
export function byteRangeStream(path: string, range: Exclude<ByteRange, { status: 416 }>): Readable {
  return createReadStream(path, { start: range.start, end: Math.max(range.start, range.end) });
}
