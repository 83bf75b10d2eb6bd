/** A readable table: a header row, then one row per item, columns padded to their widest cell. */
export function table(columns: string[], rows: Array<Array<string | number | null | undefined>>): string {
  if (rows.length === 0) return '(none)\n';
  const cells = [columns, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))))];
  const widths = columns.map((_, index) => Math.max(...cells.map((row) => row[index]!.length)));
  return cells.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ')).join('\n') + '\n';
}

/** One line of at most `max` characters: whitespace folded, an ellipsis where it was cut. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** "2026-12-01T09:00:00.000Z" as the local "2026-12-01 10:00" a person reads. */
export function localTime(iso: string | null): string {
  if (!iso) return '-';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * `--at` as an instant: an ISO date-time with its zone, or "YYYY-MM-DD HH:MM" in this machine's local
 * time. Null when it is neither.
 */
export function parseSlot(text: string): Date | null {
  const local = /^(\d{4})-(\d{2})-(\d{2})[ ](\d{2}):(\d{2})$/.exec(text.trim());
  if (local) {
    const [year, month, day, hour, minute] = local.slice(1).map(Number) as [number, number, number, number, number];
    const date = new Date(year, month - 1, day, hour, minute);
    return date.getMonth() === month - 1 && date.getDate() === day && date.getHours() === hour ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}
