import { rename, rm, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { instagramLimits, preparedImageSize, type AspectFit, type Size } from '../../src-shared/publishingRules';
import { PRIVATE_FILE_MODE } from '../config/privateFiles';
import { MediaError } from './errors';

export interface PreparedImage extends Size {
  /** The JPEG Instagram should fetch. */
  file: string;
  bytes: number;
  quality: number;
}

export interface RenderJpegOptions {
  /** The aspect the output must have; the source is cropped or padded (centred) to reach it. */
  aspect: number;
  fit: AspectFit;
  /** Instagram's 8 MiB unless a test needs a smaller ceiling to see the step-down. */
  maxBytes?: number;
}

// 1440 px is at most 1440×1800 (4:5): even pure noise at quality 100 stays near 7 MiB, so the steps
// below the first are for unusual inputs, and the ladder ends rather than ruin the picture.
const QUALITY_STEPS = [90, 80, 70, 60, 50, 40];
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

/**
 * The JPEG Instagram takes (§6): EXIF orientation applied then stripped with all other metadata,
 * sRGB (sharp converts through an embedded ICC profile and CMYK by default), transparency on white, at most 1440 px wide, under the byte limit by stepping quality down.
 * Written beside `outFile` first and renamed, so a crash never leaves half a JPEG to be served.
 */
export async function renderInstagramJpeg(source: string, sourceSize: Size, outFile: string, options: RenderJpegOptions): Promise<PreparedImage> {
  const size = preparedImageSize(sourceSize, options.aspect, options.fit);
  const maxBytes = options.maxBytes ?? instagramLimits.imageMaxBytes;
  const pixels = await sharp(source)
    .autoOrient()
    .resize(size.width, size.height, { fit: options.fit === 'crop' ? 'cover' : 'contain', position: 'centre', background: WHITE })
    .flatten({ background: WHITE })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (const quality of QUALITY_STEPS) {
    const jpeg = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality }).toBuffer();
    if (jpeg.length > maxBytes) continue;
    const partial = `${outFile}.part`;
    try {
      await writeFile(partial, jpeg, { mode: PRIVATE_FILE_MODE });
      await rename(partial, outFile);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { file: outFile, width: size.width, height: size.height, bytes: jpeg.length, quality };
  }
  throw new MediaError('media_too_large');
}
