/**
 * "We cURL media used in publishing attempts" (fact sheet §6): the sandbox really fetches image_url,
 * video_url and cover_url while the container is created, and refuses what Instagram refuses, with its
 * code/subcode: unreachable or not 200 → 9004/2207052; images JPEG only (36001/2207005), ≤ 8 MiB
 * (36000/2207004), aspect 4:5–1.91:1 (36003/2207009); videos MP4/MOV by their `ftyp` box (352/2207026), then
 * read whole (at most 300 MB) and held to Instagram's video specs (videoSpec.ts), which fail the container while it
 * processes rather than refuse it.
 */
import { request } from 'undici';
import sharp from 'sharp';
import type { GraphErrorSpec } from '../types';
import { PUBLISHING_ERRORS } from './errors';
import { videoSpecProblem, type VideoKind } from './videoSpec';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Meta writes "300 MB"; the decimal reading is the stricter one. */
const MAX_VIDEO_BYTES = 300_000_000;
/** Instagram's subcode for a video it cannot take ("The video format is not supported"), as the container's status. */
export const VIDEO_PROCESSING_FAILED = 2207026;
const MIN_ASPECT = 4 / 5;
const MAX_ASPECT = 1.91;
/** Rounding slack so that exactly 4:5 and 1.91:1 pass. */
const ASPECT_EPSILON = 1e-9;

type Fetched = { ok: true; bytes: Buffer; truncated: boolean } | { ok: false };

/** GETs a URL, reading at most `limit` bytes (`truncated` when there was more). Any failure is `{ ok: false }`. */
async function fetchHead(url: string, limit: number, timeoutMs: number): Promise<Fetched> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false };
  try {
    const response = await request(parsed, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return { ok: false };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > limit) {
        response.body.destroy();
        return { ok: true, bytes: Buffer.concat(chunks).subarray(0, limit), truncated: true };
      }
    }
    return { ok: true, bytes: Buffer.concat(chunks), truncated: false };
  } catch {
    return { ok: false };
  }
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** MP4 and MOV both start with a box whose type, at bytes 4–8, is `ftyp`. */
function isMp4OrMov(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.toString('latin1', 4, 8) === 'ftyp';
}

/** An image_url (or a Reel's cover_url, which skips the aspect check): undefined when Instagram would take it. */
export async function checkImageUrl(url: string, timeoutMs: number, options: { checkAspect: boolean }): Promise<GraphErrorSpec | undefined> {
  const fetched = await fetchHead(url, MAX_IMAGE_BYTES, timeoutMs);
  if (!fetched.ok) return PUBLISHING_ERRORS.fetchFailed;
  if (!isJpeg(fetched.bytes)) return PUBLISHING_ERRORS.imageFormat;
  if (fetched.truncated) return PUBLISHING_ERRORS.imageTooLarge;
  if (!options.checkAspect) return undefined;
  let width: number | undefined;
  let height: number | undefined;
  try {
    const metadata = await sharp(fetched.bytes).metadata();
    // EXIF orientations 5–8 turn the picture a quarter: what people see is height × width.
    const quarterTurn = (metadata.orientation ?? 1) >= 5;
    width = quarterTurn ? metadata.height : metadata.width;
    height = quarterTurn ? metadata.width : metadata.height;
  } catch {
    return PUBLISHING_ERRORS.imageFormat;
  }
  if (!width || !height) return PUBLISHING_ERRORS.imageFormat;
  const aspect = width / height;
  if (aspect < MIN_ASPECT - ASPECT_EPSILON || aspect > MAX_ASPECT + ASPECT_EPSILON) return PUBLISHING_ERRORS.aspectRatio;
  return undefined;
}

export type VideoCheck = { refusal: GraphErrorSpec } | { processingFails: { subcode: number; reason: string } } | { ok: true };

/**
 * A video_url: fetched; its first bytes must be an MP4/MOV `ftyp` box (else refused at once), and the whole file
 * must meet Instagram's specs (else the container is made and fails while processing).
 */
export async function checkVideoUrl(url: string, timeoutMs: number, kind: VideoKind): Promise<VideoCheck> {
  const fetched = await fetchHead(url, MAX_VIDEO_BYTES, timeoutMs);
  if (!fetched.ok) return { refusal: PUBLISHING_ERRORS.fetchFailed };
  if (!isMp4OrMov(fetched.bytes)) return { refusal: PUBLISHING_ERRORS.videoFormat };
  const reason = fetched.truncated ? 'larger than 300 MB' : videoSpecProblem(fetched.bytes, kind);
  return reason ? { processingFails: { subcode: VIDEO_PROCESSING_FAILED, reason } } : { ok: true };
}
