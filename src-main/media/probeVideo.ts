import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import type { VideoFacts } from '../../src-shared/publishingRules';
import { MediaError } from './errors';

export type VideoProbe = VideoFacts;

/**
 * A 15-minute video's index (`moov`) is a few megabytes; a larger one is damaged or hostile, and reading it
 * whole would cost its declared size in memory and block the event loop while mp4box parses it.
 */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
/** Real files have a handful of top-level boxes, fragmented ones a few thousand; a file of tiny boxes is not a video. */
const MAX_TOP_LEVEL_BOXES = 20_000;

interface TopLevelBox {
  type: string;
  start: number;
  size: number;
}

/**
 * Duration, display size, codec and layout of an MP4/MOV, read from its `moov` box alone: no decoding,
 * no network, and a few reads however large the file is.
 */
export async function probeVideo(file: string): Promise<VideoProbe> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const boxes = await topLevelBoxes(handle, size);
    const moov = boxes.find((box) => box.type === 'moov');
    const mdat = boxes.find((box) => box.type === 'mdat');
    if (!moov || !mdat) throw new MediaError('media_damaged', 'The video has no index or no pictures.');
    const ftyp = boxes.find((box) => box.type === 'ftyp');
    const movie = parseMovie(await readBox(handle, ftyp), await readBox(handle, moov));
    const track = movie.videoTracks[0];
    if (!track) throw new MediaError('media_unsupported_type', 'The file has no video track.');
    if (!movie.timescale || !movie.duration) throw new MediaError('media_damaged', 'The video has no duration.');
    // A phone records portrait as landscape plus "rotate 90°" in the track matrix; Instagram shows it turned.
    const [a, b] = track.matrix;
    const quarterTurn = a === 0 && b !== 0;
    const width = track.track_width || track.video?.width || 0;
    const height = track.track_height || track.video?.height || 0;
    if (!width || !height) throw new MediaError('media_damaged', 'The video has no picture size.');
    return {
      durationMs: Math.round((movie.duration / movie.timescale) * 1000),
      bytes: size,
      codec: track.codec,
      width: quarterTurn ? height : width,
      height: quarterTurn ? width : height,
      indexFirst: moov.start < mdat.start,
    };
  } finally {
    await handle.close();
  }
}

/** The file's top-level boxes; a box reaching past the end means the file was cut short. */
async function topLevelBoxes(handle: FileHandle, fileSize: number): Promise<TopLevelBox[]> {
  const boxes: TopLevelBox[] = [];
  const header = Buffer.alloc(16);
  for (let start = 0; start < fileSize; ) {
    const { bytesRead } = await handle.read(header, 0, 16, start);
    if (bytesRead < 8) throw new MediaError('media_damaged', 'The video ends in the middle of a box.');
    const type = header.toString('latin1', 4, 8);
    let size = header.readUInt32BE(0);
    if (size === 1) {
      if (bytesRead < 16) throw new MediaError('media_damaged', 'The video ends in the middle of a box.');
      size = Number(header.readBigUInt64BE(8));
    } else if (size === 0) {
      size = fileSize - start; // "to the end of the file"
    }
    if (size < 8 || start + size > fileSize) throw new MediaError('media_damaged', 'The video is cut short.');
    boxes.push({ type, start, size });
    if (boxes.length > MAX_TOP_LEVEL_BOXES) throw new MediaError('media_damaged', 'The video is made of more pieces than any real video has.');
    start += size;
  }
  return boxes;
}

async function readBox(handle: FileHandle, box: TopLevelBox | undefined): Promise<Uint8Array> {
  // Old QuickTime files have no `ftyp`; mp4box needs one, and "qt  " is what they are.
  if (!box) return Uint8Array.from([0, 0, 0, 16, ...Buffer.from('ftypqt  \0\0\0\0', 'latin1')]);
  if (box.size > MAX_INDEX_BYTES) throw new MediaError('media_damaged', `The video’s ${box.type} box claims ${Math.ceil(box.size / 1_000_000)} MB, more than any real video’s index.`);
  const bytes = new Uint8Array(box.size);
  await handle.read(bytes, 0, box.size, box.start);
  return bytes;
}

/** Feeds mp4box just `ftyp` and `moov`; sample offsets inside are wrong then, but nothing reads samples. */
function parseMovie(ftyp: Uint8Array, moov: Uint8Array): Movie {
  const joined = new Uint8Array(ftyp.length + moov.length);
  joined.set(ftyp, 0);
  joined.set(moov, ftyp.length);
  const parser = createFile();
  let movie: Movie | undefined;
  let failure: string | undefined;
  parser.onReady = (info) => (movie = info);
  parser.onError = (_module, message) => (failure = message);
  try {
    parser.appendBuffer(MP4BoxBuffer.fromArrayBuffer(joined.buffer, 0), true);
    parser.flush();
  } catch {
    failure ??= 'unreadable index';
  }
  if (!movie || failure) throw new MediaError('media_damaged', 'The video’s index cannot be read.');
  return movie;
}
