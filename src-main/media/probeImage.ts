import sharp from 'sharp';
import type { Size } from '../../src-shared/publishingRules';
import { isMediaError, MediaError } from './errors';

export interface ImageProbe extends Size {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
}

const MIME_BY_FORMAT: Record<string, ImageProbe['mime']> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/**
 * Width and height as the photo is seen, EXIF orientation applied (a portrait phone photo is stored
 * landscape with "rotate 90°"). Decodes every pixel once, so a truncated file is refused now rather
 * than when Instagram fetches it.
 */
export async function probeImage(file: string): Promise<ImageProbe> {
  try {
    const metadata = await sharp(file).metadata();
    const mime = MIME_BY_FORMAT[metadata.format ?? ''];
    if (!mime) throw new MediaError('media_unsupported_type');
    await sharp(file, { failOn: 'truncated' }).stats();
    return { mime, width: metadata.autoOrient.width, height: metadata.autoOrient.height };
  } catch (error) {
    throw damagedUnlessOurs(error);
  }
}

/**
 * Browsers cannot show HEIC and Instagram does not take it, so it is converted to a JPEG on import.
 * The prebuilt sharp bundles libheif without an HEVC decoder; then the user is told to export JPEG.
 */
export async function convertHeicToJpeg(source: string, target: string): Promise<ImageProbe> {
  try {
    await sharp(source).metadata();
  } catch (error) {
    throw damagedUnlessOurs(error);
  }
  try {
    await sharp(source, { failOn: 'truncated' }).autoOrient().jpeg({ quality: 95 }).toFile(target);
  } catch {
    throw new MediaError('media_heic_unsupported');
  }
  return probeImage(target);
}

function damagedUnlessOurs(error: unknown): unknown {
  return isMediaError(error) ? error : new MediaError('media_damaged');
}
