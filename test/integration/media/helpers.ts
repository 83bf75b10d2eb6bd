import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { openDatabase, type Database } from '../../../src-main/db/database';
import { MediaLibrary } from '../../../src-main/media/library';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/media');

export interface MediaWorld {
  dir: string;
  db: Database;
  library: MediaLibrary;
  /** Files in the media folder itself (not the prepared/ sub-folder). */
  storedFiles(): string[];
  rowCount(): number;
  close(): void;
}

export function createMediaWorld(): MediaWorld {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-media-'));
  const db = openDatabase(join(dir, 'postdeck.db'));
  const library = new MediaLibrary({ db, dataDir: join(dir, 'data'), clock: new ManualClock(), logger: silentLogger });
  return {
    dir,
    db,
    library,
    storedFiles: () => {
      try {
        return readdirSync(library.folder, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
      } catch {
        return [];
      }
    },
    rowCount: () => (db.prepare('SELECT COUNT(*) AS n FROM media').get() as { n: number }).n,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Colour = { r: number; g: number; b: number };

/** Vertical bands of colour, left to right, as an image of the given size. */
export function bands(width: number, height: number, colours: Colour[]): Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let x = 0; x < width; x++) {
    const colour = colours[Math.min(colours.length - 1, Math.floor((x * colours.length) / width))]!;
    for (let y = 0; y < height; y++) data.set([colour.r, colour.g, colour.b], (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

export const RED = { r: 255, g: 0, b: 0 };
export const GREEN = { r: 0, g: 255, b: 0 };
export const BLUE = { r: 0, g: 0, b: 255 };

export function solid(width: number, height: number, colour: Colour = GREEN): Sharp {
  return sharp({ create: { width, height, channels: 3, background: colour } });
}

/** The colour of one pixel of an image file. */
export async function pixel(file: string, x: number, y: number): Promise<Colour> {
  const { data } = await sharp(file).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  return { r: data[0]!, g: data[1]!, b: data[2]! };
}

/** Roughly this colour, allowing for JPEG's blur at band edges. */
export function near(actual: Colour, expected: Colour): boolean {
  return Math.abs(actual.r - expected.r) < 40 && Math.abs(actual.g - expected.g) < 40 && Math.abs(actual.b - expected.b) < 40;
}
