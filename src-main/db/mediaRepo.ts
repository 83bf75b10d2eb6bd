import type { AppError } from '../../src-shared/errors';
import type { Problem } from '../../src-shared/publishingRules';
import type { Database } from './database';

export type MediaKind = 'image' | 'video';

/** A video being made into one Instagram takes (media/conversions.ts); the original file stays as it was. */
export interface MediaConversion {
  state: 'pending' | 'done' | 'failed';
  /** What changes and why: `change` "HEVC → H.264", `message` a sentence. */
  reasons: Array<{ code: string; change: string; message: string }>;
  /** The frame rate to force (null: the source's) and the video bitrate's ceiling. */
  target: { frameRate: number | null; maxVideoBitrate: number };
  /** Once done: the converted MP4 inside the media folder, and its size. */
  file?: string;
  bytes?: number;
  /** Once failed: why. */
  error?: AppError;
}

/** A photo or video in Postdeck's media folder, times in epoch milliseconds. */
export interface MediaRecord {
  id: string;
  kind: MediaKind;
  originalName: string;
  /** The copy's file name inside the media folder. */
  storedFile: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  durationMs: number | null;
  codec: string | null;
  warnings: Problem[];
  conversion: MediaConversion | null;
  createdAt: number;
}

interface MediaRow {
  id: string;
  kind: MediaKind;
  original_name: string;
  stored_file: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  duration_ms: number | null;
  codec: string | null;
  warnings: string;
  conversion: string | null;
  created_at: number;
}

export class MediaRepo {
  private readonly statements;

  constructor(db: Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO media (id, kind, original_name, stored_file, mime, width, height, bytes, duration_ms, codec, warnings, conversion, created_at)
         VALUES (@id, @kind, @original_name, @stored_file, @mime, @width, @height, @bytes, @duration_ms, @codec, @warnings, @conversion, @created_at)`,
      ),
      setConversion: db.prepare<[{ id: string; warnings: string; conversion: string }]>('UPDATE media SET warnings = @warnings, conversion = @conversion WHERE id = @id'),
      get: db.prepare<[string], MediaRow>('SELECT * FROM media WHERE id = ?'),
      pendingConversions: db.prepare<[], { id: string }>("SELECT id FROM media WHERE json_extract(conversion, '$.state') = 'pending' ORDER BY rowid"),
    };
  }

  insert(record: MediaRecord): void {
    this.statements.insert.run({
      id: record.id,
      kind: record.kind,
      original_name: record.originalName,
      stored_file: record.storedFile,
      mime: record.mime,
      width: record.width,
      height: record.height,
      bytes: record.bytes,
      duration_ms: record.durationMs,
      codec: record.codec,
      warnings: JSON.stringify(record.warnings),
      conversion: record.conversion ? JSON.stringify(record.conversion) : null,
      created_at: record.createdAt,
    });
  }

  /** A conversion moved on; a failed one also adds its refusal to the warnings, so the post cannot be scheduled. */
  setConversion(id: string, conversion: MediaConversion, warnings: Problem[]): void {
    this.statements.setConversion.run({ id, warnings: JSON.stringify(warnings), conversion: JSON.stringify(conversion) });
  }

  /** Videos whose conversion has not ended, oldest first. */
  pendingConversions(): string[] {
    return this.statements.pendingConversions.all().map((row) => row.id);
  }

  get(id: string): MediaRecord | null {
    const row = this.statements.get.get(id);
    return row ? fromRow(row) : null;
  }
}

function fromRow(row: MediaRow): MediaRecord {
  return {
    id: row.id,
    kind: row.kind,
    originalName: row.original_name,
    storedFile: row.stored_file,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    durationMs: row.duration_ms,
    codec: row.codec,
    warnings: JSON.parse(row.warnings) as Problem[],
    conversion: row.conversion ? (JSON.parse(row.conversion) as MediaConversion) : null,
    createdAt: row.created_at,
  };
}
