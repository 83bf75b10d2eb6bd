import { describe, expect, it } from 'vitest';
import { moveInWeek } from '../../../src-renderer/lib/week';

// Monday 2 posts, Tuesday none, Wednesday 1, Thursday to Saturday none, Sunday 3.
const WEEK = [2, 0, 1, 0, 0, 0, 3];

describe('arrow keys in the week view', () => {
  it('go up and down within a day, and stop at its ends', () => {
    expect(moveInWeek(WEEK, { day: 0, row: 0 }, 'ArrowDown')).toEqual({ day: 0, row: 1 });
    expect(moveInWeek(WEEK, { day: 0, row: 1 }, 'ArrowDown')).toBeNull();
    expect(moveInWeek(WEEK, { day: 0, row: 1 }, 'ArrowUp')).toEqual({ day: 0, row: 0 });
    expect(moveInWeek(WEEK, { day: 0, row: 0 }, 'ArrowUp')).toBeNull();
  });

  it('go left and right to the nearest day with posts, to the same row or that day’s last', () => {
    expect(moveInWeek(WEEK, { day: 0, row: 1 }, 'ArrowRight')).toEqual({ day: 2, row: 0 });
    expect(moveInWeek(WEEK, { day: 2, row: 0 }, 'ArrowRight')).toEqual({ day: 6, row: 0 });
    expect(moveInWeek(WEEK, { day: 6, row: 2 }, 'ArrowLeft')).toEqual({ day: 2, row: 0 });
    expect(moveInWeek(WEEK, { day: 6, row: 2 }, 'ArrowRight')).toBeNull();
    expect(moveInWeek(WEEK, { day: 0, row: 0 }, 'ArrowLeft')).toBeNull();
  });

  it('leave every other key alone', () => {
    expect(moveInWeek(WEEK, { day: 0, row: 0 }, 'Enter')).toBeNull();
    expect(moveInWeek(WEEK, { day: 0, row: 0 }, 'Tab')).toBeNull();
  });
});
