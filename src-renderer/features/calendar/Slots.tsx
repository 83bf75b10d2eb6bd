import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import type { Post } from '../../../src-shared/posts';
import { type Placed } from '../../lib/week';
import { CalendarCard, MorePosts } from './CalendarCard';

/** What a drop target stands for: a day (month view) or an hour of a day (week view), and how a screen reader hears it. */
export interface SlotTarget {
  day: string;
  /** The hour in the week view; absent in the month view, where a post keeps its time of day. */
  hour?: number;
  label: string;
}

/**
 * One drop target of the calendar: its posts (as many as fit, then "+N more"), and a button over its empty
 * area that starts a new post there. A slot wholly in the past takes no drop and offers no new post.
 */
export function Slot({
  id,
  target,
  past,
  placed,
  fits,
  className,
  cellOf,
  onNew,
  children,
}: {
  id: string;
  target: SlotTarget;
  past: boolean;
  placed: Placed<Post>[];
  /** How many cards the slot shows before "+N more". */
  fits: number;
  className: string;
  cellOf?: (row: number) => string;
  onNew: () => void;
  children?: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, data: target, disabled: past });
  // Past `fits`, the last card's place goes to "+N more" (a one-card hour keeps its card and overlays the button).
  const shown = placed.length > fits ? placed.slice(0, Math.max(1, fits - 1)) : placed;
  return (
    <div ref={setNodeRef} className={className} data-slot={id} data-over={isOver ? 'true' : undefined} data-past={past ? 'true' : undefined}>
      {children}
      {past ? null : (
        <button type="button" className="cal-new" tabIndex={-1} aria-label={`New post ${target.label}`} onClick={onNew}>
          <span aria-hidden="true">+</span>
        </button>
      )}
      {shown.map(({ item, time }, row) => (
        <CalendarCard key={item.id} post={item} time={time} cell={cellOf?.(row)} />
      ))}
      {placed.length > shown.length ? (
        <MorePosts count={placed.length - shown.length} label={`More posts ${target.label}`}>
          {placed.slice(shown.length).map(({ item, time }) => (
            <CalendarCard key={item.id} post={item} time={time} />
          ))}
        </MorePosts>
      ) : null}
    </div>
  );
}
