/** What a file is, judged by its first bytes rather than its name (a renamed HEIC is still a HEIC). */
export type SniffedType = 'jpeg' | 'png' | 'webp' | 'heic' | 'mp4' | 'mov' | 'webm' | 'mkv' | 'avi';

/** How many leading bytes `sniffType` needs to see. */
export const SNIFF_BYTES = 64;

// HEIF brands whose pictures are HEVC-coded; `mif1`/`msf1` alone may be AVIF, which Postdeck does not take.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const OTHER_IMAGE_BRANDS = new Set(['mif1', 'msf1', 'avif', 'avis', 'crx ', 'jp2 ']);
// QuickTime files written before `ftyp` existed start straight with one of these boxes.
const QUICKTIME_LEADING_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip']);

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

export function sniffType(head: Uint8Array): SniffedType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return 'avi';
  // Matroska's EBML header names its document type: "webm" for WebM, "matroska" otherwise.
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return ascii(head, 0, head.length).includes('webm') ? 'webm' : 'mkv';
  if (head.length < 12) return null;
  const boxType = ascii(head, 4, 8);
  if (boxType === 'ftyp') {
    const boxEnd = Math.min(head.length, new DataView(head.buffer, head.byteOffset).getUint32(0));
    const brands = [ascii(head, 8, 12)];
    for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(head, at, at + 4));
    if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic';
    if (brands.some((brand) => OTHER_IMAGE_BRANDS.has(brand))) return null;
    return brands[0] === 'qt  ' ? 'mov' : 'mp4';
  }
  return QUICKTIME_LEADING_BOXES.has(boxType) ? 'mov' : null;
}
