import type { Problem } from '../../src-shared/publishingRules';
import type { Database } from './database';

export type MediaKind = 'image' | 'video';

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
  created_at: number;
}

export class MediaRepo {
  private readonly statements;

  constructor(db: Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO media (id, kind, original_name, stored_file, mime, width, height, bytes, duration_ms, codec, warnings, created_at)
         VALUES (@id, @kind, @original_name, @stored_file, @mime, @width, @height, @bytes, @duration_ms, @codec, @warnings, @created_at)`,
      ),
      get: db.prepare<[string], MediaRow>('SELECT * FROM media WHERE id = ?'),
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
      created_at: record.createdAt,
    });
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
    createdAt: row.created_at,
  };
}
