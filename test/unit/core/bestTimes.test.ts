import { describe, expect, it } from 'vitest';
import { bestUpcoming, combineScores, scoreSlots, slotAt } from '../../../src-main/insights/bestTimes';

const HOUR = 3_600_000;
/** Monday 5 January 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 0, 5);

describe('best times', () => {
  it('places an instant on the weekday × hour grid of a time zone, half-hour zones included', () => {
    expect(slotAt(MONDAY + 19 * HOUR, 'UTC')).toEqual({ weekday: 1, hour: 19, onTheHour: true });
    expect(slotAt(MONDAY + 2 * HOUR, 'America/New_York')).toEqual({ weekday: 0, hour: 21, onTheHour: true });
    expect(slotAt(MONDAY, 'Asia/Kolkata')).toEqual({ weekday: 1, hour: 5, onTheHour: false });
  });

  it('scores each slot by its mean, the best at 1; combines sources where they know the slot; fills the week with 0', () => {
    const online = scoreSlots([{ at: MONDAY + 19 * HOUR, value: 200 }, { at: MONDAY + 7 * 24 * HOUR + 19 * HOUR, value: 100 }, { at: MONDAY + 8 * HOUR, value: 50 }], 'UTC');
    expect(online.get(24 + 19)).toBe(1);
    expect(online.get(24 + 8)).toBeCloseTo(1 / 3);
    const history = scoreSlots([{ at: MONDAY + 8 * HOUR, value: 500 }], 'UTC');
    const slots = combineScores([online, history]);
    expect(slots).toHaveLength(168);
    expect(slots.find((s) => s.weekday === 1 && s.hour === 8)!.score).toBeCloseTo((1 / 3 + 1) / 2, 3);
    expect(slots.find((s) => s.weekday === 1 && s.hour === 19)!.score).toBe(1);
    expect(slots.find((s) => s.weekday === 2 && s.hour === 3)!.score).toBe(0);
  });

  it('suggests the best hour starts of the coming week, best first, sooner on a tie, none without data', () => {
    const slots = combineScores([scoreSlots([{ at: MONDAY + 19 * HOUR, value: 10 }, { at: MONDAY + 12 * HOUR, value: 5 }, { at: MONDAY + 24 * HOUR + 9 * HOUR, value: 5 }], 'UTC')]);
    const now = MONDAY + 13 * HOUR + 20 * 60_000;
    expect(bestUpcoming(slots, now, 'UTC')).toEqual([new Date(MONDAY + 19 * HOUR).toISOString(), new Date(MONDAY + 33 * HOUR).toISOString(), new Date(MONDAY + 7 * 24 * HOUR + 12 * HOUR).toISOString()]);
    expect(bestUpcoming(combineScores([]), now, 'UTC')).toEqual([]);
  });
});
