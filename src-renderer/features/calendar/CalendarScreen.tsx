import { DndContext, DragOverlay, MeasuringStrategy } from '@dnd-kit/core';
import type { Announcements, DragEndEvent, DragStartEvent } from '@dnd-kit/core';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Post } from '../../../src-shared/posts';
import { KEYBOARD_INSTRUCTIONS, pointerOrCentre, useDragSensors } from '../../lib/dnd';
import { isoToLocalInput, timeZoneLabel } from '../../lib/localTime';
import type { CalendarView } from '../../lib/routes';
import { useNow } from '../../lib/useNow';
import {
  instantOn,
  localDayOf,
  monthStartOf,
  monthWeeks,
  moveInWeek,
  placeInDays,
  shiftMonth,
  shiftWeek,
  weekDays,
  weekStartOf,
  type DayKey,
  type Placed,
  type WeekDay,
} from '../../lib/week';
import { usePosts, useUi } from '../../stores/context';
import { captionExcerpt } from '../posts/describe';
import { PostsFrame } from '../posts/PostsViews';
import { DraggingCard, slotOf, type DraggedPost } from './CalendarCard';
import { Slot, type SlotTarget } from './Slots';
import { useMoveWithUndo } from './useMoveWithUndo';
import './calendar.css';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** The height of an hour in the week view, in px (calendar.css's --hour). */
const HOUR_PX = 64;

const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(undefined, options);
const dayLong = format({ weekday: 'long', day: 'numeric', month: 'long' });
const weekdayShort = format({ weekday: 'short' });
const monthTitle = format({ month: 'long', year: 'numeric' });
const shortDate = format({ day: 'numeric', month: 'short' });
const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The calendar: the posts of a week (by hour) or a month (by day) in the user's time zone. A post is
 * dragged to another slot (or moved with its handle from the keyboard) and can be put back with Undo;
 * an empty slot starts a new post at that time.
 */
export function CalendarScreen({ view, date }: { view: CalendarView; date: DayKey | null }) {
  const all = usePosts((s) => s.posts);
  const loaded = usePosts((s) => s.loaded);
  const listError = usePosts((s) => s.listError);
  const navigate = useUi((s) => s.navigate);
  const now = useNow();
  const move = useMoveWithUndo();
  const sensors = useDragSensors();
  const [dragging, setDragging] = useState<Post | null>(null);

  const current = view === 'week' ? weekStartOf(now) : monthStartOf(now);
  const start = date === null ? current : view === 'week' ? weekStartOf(date) : monthStartOf(date);
  const go = (to: { view?: CalendarView; start?: DayKey }) => {
    const nextView = to.view ?? view;
    const nextStart = to.start ?? (nextView === view ? start : nextView === 'week' ? weekStartOf(start) : monthStartOf(start));
    const isCurrent = nextStart === (nextView === 'week' ? weekStartOf(now) : monthStartOf(now));
    navigate({ name: 'calendar', view: nextView, date: isCurrent ? null : nextStart });
  };
  const shift = (by: number) => go({ start: view === 'week' ? shiftWeek(start, by) : shiftMonth(start, by) });
  const newPostAt = (day: DayKey, hour: number) => navigate({ name: 'composer', postId: null, at: isoToLocalInput(instantOn(day, hour, 0)) });

  const title =
    view === 'week'
      ? `${shortDate.format(weekDays(start)[0]!.date)} – ${shortDate.format(weekDays(start)[6]!.date)} ${weekDays(start)[6]!.date.getFullYear()}`
      : monthTitle.format(weekDays(start)[0]!.date);

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const post = (event.active.data.current as DraggedPost | undefined)?.post;
    const target = event.over?.data.current as SlotTarget | undefined;
    if (!post || !target || !post.scheduledAt) return;
    const slot = new Date(post.scheduledAt);
    void move(post, instantOn(target.day, target.hour ?? slot.getHours(), slot.getMinutes()));
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up “${captionOf(active.data.current)}”. ${KEYBOARD_INSTRUCTIONS}`,
    onDragOver: ({ active, over }) => (over ? `“${captionOf(active.data.current)}” over ${(over.data.current as SlotTarget).label}.` : 'Not over a slot.'),
    onDragEnd: ({ active, over }) => (over ? `“${captionOf(active.data.current)}” dropped ${(over.data.current as SlotTarget).label}.` : 'Dropped where it was.'),
    onDragCancel: ({ active }) => `Moving “${captionOf(active.data.current)}” cancelled; it stays where it was.`,
  };

  return (
    <PostsFrame current="calendar">
      <div className="cal-head">
        <h2 aria-live="polite">{title}</h2>
        <div className="cal-controls">
          <div className="cal-views" role="group" aria-label="Calendar view">
            {(['week', 'month'] as const).map((option) => (
              <button key={option} type="button" aria-pressed={view === option} onClick={() => go({ view: option })}>
                {option === 'week' ? 'Week' : 'Month'}
              </button>
            ))}
          </div>
          <div className="cal-nav">
            <button type="button" className="button button-secondary" aria-label={`Previous ${view}`} onClick={() => shift(-1)}>
              ‹
            </button>
            <button type="button" className="button button-secondary" disabled={start === current} onClick={() => go({ start: current })}>
              Today
            </button>
            <button type="button" className="button button-secondary" aria-label={`Next ${view}`} onClick={() => shift(1)}>
              ›
            </button>
          </div>
        </div>
      </div>
      <p className="muted cal-zone">
        Times in {timeZoneLabel(now)}. Drag a post to move it, or use its ⠿ handle with the keyboard; click an empty slot to plan a new one.
      </p>
      {!loaded && !listError ? <p className="muted">Loading posts…</p> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={pointerOrCentre}
        // Slots move while dragging (the week scrolls inside its box), so they are measured throughout.
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        // The week scrolls only when the pointer is at its very edge (about the sticky day row), not a fifth of
        // the box in (dnd-kit's default), so a slot near the top can be dropped on without the week moving under it.
        autoScroll={{ threshold: { x: 0, y: 0.1 } }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: KEYBOARD_INSTRUCTIONS } }}
        onDragStart={(event: DragStartEvent) => setDragging((event.active.data.current as DraggedPost | undefined)?.post ?? null)}
        onDragCancel={() => setDragging(null)}
        onDragEnd={onDragEnd}
      >
        {view === 'week' ? (
          <WeekView days={weekDays(start)} posts={all} now={now} onNew={newPostAt} />
        ) : (
          <MonthView weeks={monthWeeks(start)} month={start} posts={all} now={now} onNew={newPostAt} />
        )}
        <DragOverlay dropAnimation={null}>{dragging ? <DraggingCard post={dragging} /> : null}</DragOverlay>
      </DndContext>
    </PostsFrame>
  );
}

const captionOf = (data: unknown) => captionExcerpt((data as DraggedPost | undefined)?.post.caption ?? '', 40);

/** Posts by hour within each day of the placement. */
function byHour(placed: Placed<Post>[]): Map<number, Placed<Post>[]> {
  const hours = new Map<number, Placed<Post>[]>();
  for (const entry of placed) {
    const hour = new Date(entry.at).getHours();
    hours.set(hour, [...(hours.get(hour) ?? []), entry]);
  }
  return hours;
}

function WeekView({ days, posts, now, onNew }: { days: WeekDay[]; posts: Post[]; now: number; onNew: (day: DayKey, hour: number) => void }) {
  const placed = placeInDays(posts, days, slotOf);
  const today = localDayOf(now);
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = days.map((day) => byHour(placed.get(day.key) ?? []));
  const postHours = columns.flatMap((hours) => [...hours.keys()]);
  const firstHour = postHours.length > 0 ? Math.min(...postHours) : 8;
  const weekKey = days[0]!.key;

  // Opens on the week's first post, or at the start of a working day when there is none.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = Math.max(0, firstHour - 1) * HOUR_PX;
    // Once per week shown (not on firstHour): moving a post must not scroll the view away.
  }, [weekKey]);

  // Arrow keys move between the cards shown: up and down within a day, left and right across days.
  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    const link = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!link) return;
    const [day, row] = link.dataset.cell!.split(':').map(Number) as [number, number];
    const cardsPerDay = days.map((d) => event.currentTarget.querySelectorAll(`[data-day="${d.key}"] [data-cell]`).length);
    const to = moveInWeek(cardsPerDay, { day, row }, event.key);
    if (!to) return;
    event.preventDefault();
    event.currentTarget.querySelector<HTMLElement>(`[data-cell="${to.day}:${to.row}"]`)?.focus();
  };

  return (
    <div className="cal-week" ref={scrollRef} onKeyDown={moveFocus}>
      <div className="cal-week-head" aria-hidden="true">
        <span />
        {days.map((day) => (
          <span key={day.key} className="cal-week-day-name" data-today={day.key === today ? 'true' : undefined}>
            {weekdayShort.format(day.date)} <strong>{day.date.getDate()}</strong>
          </span>
        ))}
      </div>
      <div className="cal-week-body">
        <div className="cal-hours" aria-hidden="true">
          {HOURS.map((hour) => (
            <span key={hour}>{hourText(hour)}</span>
          ))}
        </div>
        {days.map((day, dayIndex) => {
          let row = 0;
          return (
            <section key={day.key} className="cal-day" data-day={day.key} aria-label={dayLong.format(day.date)} aria-current={day.key === today ? 'date' : undefined}>
              {HOURS.map((hour) => {
                const inHour = columns[dayIndex]!.get(hour) ?? [];
                const firstRow = row;
                row += Math.min(inHour.length, 1);
                const label = `on ${dayLong.format(day.date)} at ${hourText(hour)}`;
                return (
                  <Slot
                    key={hour}
                    id={`slot:${day.key}:${hour}`}
                    target={{ day: day.key, hour, label }}
                    past={Date.parse(instantOn(day.key, hour, 59)) < now}
                    placed={inHour}
                    fits={1}
                    className="cal-hour"
                    cellOf={(r) => `${dayIndex}:${firstRow + r}`}
                    onNew={() => onNew(day.key, hour)}
                  />
                );
              })}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function MonthView({ weeks, month, posts, now, onNew }: { weeks: WeekDay[][]; month: DayKey; posts: Post[]; now: number; onNew: (day: DayKey, hour: number) => void }) {
  const days = weeks.flat();
  const placed = placeInDays(posts, days, slotOf);
  const today = localDayOf(now);
  const monthOf = month.slice(0, 7);
  // A new post on a day: at the next full hour today, else at 09:00.
  const startHour = (day: DayKey) => (day === today ? Math.min(23, new Date(now).getHours() + 1) : 9);
  return (
    <div className="cal-month">
      {weeks[0]!.map((day) => (
        <span key={day.key} className="cal-month-weekday" aria-hidden="true">
          {weekdayShort.format(day.date)}
        </span>
      ))}
      {days.map((day) => {
        const label = `on ${dayLong.format(day.date)}`;
        const endOfDay = Date.parse(instantOn(day.key, 23, 59));
        return (
          <section
            key={day.key}
            className="cal-month-cell"
            data-day={day.key}
            data-outside={day.key.slice(0, 7) === monthOf ? undefined : 'true'}
            aria-label={dayLong.format(day.date)}
            aria-current={day.key === today ? 'date' : undefined}
          >
            <Slot
              id={`day:${day.key}`}
              target={{ day: day.key, label }}
              past={endOfDay < now}
              placed={placed.get(day.key) ?? []}
              fits={3}
              className="cal-month-day"
              onNew={() => onNew(day.key, startHour(day.key))}
            >
              <span className="cal-month-date" aria-hidden="true">
                {day.date.getDate()}
              </span>
            </Slot>
          </section>
        );
      })}
    </div>
  );
}
