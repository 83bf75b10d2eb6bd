import { afterAll, beforeAll } from 'vitest';

/**
 * Runs the surrounding describe block in a time zone: Node re-reads TZ when it is assigned, so Date's
 * local-time methods follow it. Restores the previous zone (or none) afterwards.
 */
export function inTimeZone(zone: string): void {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}
