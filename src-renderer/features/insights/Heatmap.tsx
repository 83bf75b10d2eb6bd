import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { bestSlots, firstWeekday, HEAT_STEPS, heatStep, hourHeading, scoreOutOf100, slotGrid, slotName, weekdayName, weekdayOrder, type Slot } from './bestTimesView';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** Hours whose heading is shown; the others are named to screen readers only, so 24 columns fit a narrow window. */
const SHOWN_HOUR_EVERY = 3;

interface Cell {
  weekday: number;
  hour: number;
}

/**
 * Weekday × hour grid of scores, a table so screen readers name each cell by its row and column. The pointer
 * or the arrow keys (one cell focusable at a time, Home/End along a day) show a cell's score in the readout.
 */
export function Heatmap({ slots, timeZone }: { slots: readonly Slot[]; timeZone: string }) {
  const id = useId();
  const grid = useMemo(() => slotGrid(slots), [slots]);
  const best = useMemo(() => bestSlots(slots), [slots]);
  const days = useMemo(() => weekdayOrder(firstWeekday()), []);
  const first = best[0] ?? { weekday: days[0]!, hour: 12 };
  const [focusable, setFocusable] = useState<Cell>({ weekday: first.weekday, hour: first.hour });
  const [shown, setShown] = useState<Cell | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const isBest = (weekday: number, hour: number) => best.some((slot) => slot.weekday === weekday && slot.hour === hour);
  const read = shown ?? (best[0] ? { weekday: best[0].weekday, hour: best[0].hour } : null);

  function moveTo(cell: Cell) {
    setFocusable(cell);
    setShown(cell);
    table.current?.querySelector<HTMLElement>(`[data-weekday="${cell.weekday}"][data-hour="${cell.hour}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent, { weekday, hour }: Cell) {
    const row = days.indexOf(weekday);
    const moves: Record<string, () => Cell> = {
      ArrowLeft: () => ({ weekday, hour: Math.max(0, hour - 1) }),
      ArrowRight: () => ({ weekday, hour: Math.min(23, hour + 1) }),
      ArrowUp: () => ({ weekday: days[Math.max(0, row - 1)]!, hour }),
      ArrowDown: () => ({ weekday: days[Math.min(6, row + 1)]!, hour }),
      Home: () => ({ weekday, hour: 0 }),
      End: () => ({ weekday, hour: 23 }),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  }

  return (
    <div className="heatmap">
      <p className="heatmap-readout" aria-live="polite">
        {read ? (
          <>
            {shown ? '' : 'Best: '}
            <strong>{slotName(read.weekday, read.hour)}</strong> · {grid[read.weekday]![read.hour]! > 0 ? `score ${scoreOutOf100(grid[read.weekday]![read.hour]!)} of 100` : 'no data'}
          </>
        ) : (
          'No hour stands out yet.'
        )}
      </p>
      <div className="heatmap-scroll">
        <table ref={table} className="heatmap-grid" role="grid" aria-label={`Best time to post by weekday and hour, ${timeZone}`} aria-describedby={`${id}-legend`} onMouseLeave={() => setShown(null)}>
          <thead>
            <tr>
              <td />
              {HOURS.map((hour) => (
                <th key={hour} scope="col">
                  <span className={hour % SHOWN_HOUR_EVERY === 0 ? undefined : 'visually-hidden'}>{hourHeading(hour)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((weekday) => (
              <tr key={weekday}>
                <th scope="row" abbr={weekdayName(weekday, 'long')}>
                  {weekdayName(weekday, 'short')}
                </th>
                {HOURS.map((hour) => {
                  const score = grid[weekday]![hour]!;
                  const top = isBest(weekday, hour);
                  return (
                    <td
                      key={hour}
                      data-weekday={weekday}
                      data-hour={hour}
                      data-step={heatStep(score)}
                      className={top ? 'heatmap-best' : undefined}
                      tabIndex={focusable.weekday === weekday && focusable.hour === hour ? 0 : -1}
                      onMouseEnter={() => setShown({ weekday, hour })}
                      onFocus={() => setShown({ weekday, hour })}
                      onKeyDown={(event) => onKeyDown(event, { weekday, hour })}
                    >
                      <span className="visually-hidden">
                        {score > 0 ? `${scoreOutOf100(score)} of 100` : 'no data'}
                        {top ? ', best' : ''}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div id={`${id}-legend`} className="heatmap-legend">
        <span>Score out of 100 (the week&rsquo;s best hour is 100)</span>
        <span className="heatmap-scale" aria-hidden="true">
          <i data-step={0} /> no data
        </span>
        <span className="heatmap-scale">
          <span aria-hidden="true">quiet</span>
          {Array.from({ length: HEAT_STEPS }, (_, i) => (
            <i key={i} data-step={i + 1} aria-hidden="true" />
          ))}
          <span aria-hidden="true">busy</span>
        </span>
        <span className="heatmap-scale" aria-hidden="true">
          <i data-step={HEAT_STEPS} className="heatmap-best" /> best
        </span>
      </div>
    </div>
  );
}
