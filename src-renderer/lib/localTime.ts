/**
 * The bridge between <input type="datetime-local"> (a wall time, no zone) and the ISO UTC strings
 * the main process stores. JavaScript reads a date-time without an offset as local time, which is
 * exactly the user's zone, including its daylight-saving rules on that day.
 */
const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** '2026-07-01T09:30' (local) → '2026-07-01T07:30:00.000Z' (in Berlin), or null when not a time. */
export function localInputToIso(value: string): string | null {
  if (!LOCAL_INPUT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant → the value a datetime-local input shows for it in the user's zone (minutes precision). */
export function isoToLocalInput(iso: string | number | Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * When the clocks jump forward, a wall time in the skipped hour (02:30 on the last Sunday of March in
 * Berlin) does not exist. JavaScript reads it with the offset from before the jump, so it becomes the
 * same instant as an hour later (03:30). This says so: the wall time the post will really show, or
 * null when the picked time exists as typed.
 */
export function skippedTimeBecomes(value: string): string | null {
  const iso = localInputToIso(value);
  if (!iso) return null;
  const shown = isoToLocalInput(iso);
  return shown === value.slice(0, 16) ? null : shown.slice(11);
}

/** The next full hour that is at least 30 minutes away: a sensible first slot. */
export function suggestedSlot(now: number): string {
  const date = new Date(now + 30 * 60_000);
  date.setMinutes(0, 0, 0);
  date.setHours(date.getHours() + 1);
  return isoToLocalInput(date);
}

/** "Europe/Berlin (CEST)": the zone the user's times are in, by name and by its current abbreviation. */
export function timeZoneLabel(now: number = Date.now(), locale?: string): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const short = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' })
    .formatToParts(new Date(now))
    .find((part) => part.type === 'timeZoneName')?.value;
  return short && short !== zone ? `${zone} (${short})` : zone;
}
