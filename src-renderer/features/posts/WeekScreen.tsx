import type { Post } from '../../../src-shared/posts';
import { Avatar } from '../../components/Avatar';
import { timeZoneLabel } from '../../lib/localTime';
import { useNow } from '../../lib/useNow';
import type { KeyboardEvent } from 'react';
import { localDayOf, moveInWeek, placeInWeek, shiftWeek, weekDays, weekStartOf, type DayKey } from '../../lib/week';
import { usePosts, useUi } from '../../stores/context';
import { accountName, captionExcerpt, KIND_LABEL } from './describe';
import { postHref } from './PostActions';
import { PostStatusBadge } from './PostStatusBadge';
import { PostsFrame } from './PostsViews';
import { MediaThumb } from './MediaThumb';
import { usePostAccount } from './usePostAccount';
import './posts.css';

/** Where a post sits in the week: its slot, or when it went out if it was published without one. */
const slotOf = (post: Post) => post.scheduledAt ?? post.publishedAt;

const dayHeading = (date: Date) => new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(date);
const dayName = (date: Date) => new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(date);

/** The queue as a week: seven days in the user's zone, each post at its local time; a post opens on click. */
export function WeekScreen({ week }: { week: DayKey | null }) {
  const all = usePosts((s) => s.posts);
  const loaded = usePosts((s) => s.loaded);
  const listError = usePosts((s) => s.listError);
  const navigate = useUi((s) => s.navigate);
  const now = useNow();
  const thisWeek = weekStartOf(now);
  const start = week ?? thisWeek;
  const days = weekDays(start);
  const columns = placeInWeek(all, start, slotOf);
  const today = localDayOf(now);
  const go = (to: DayKey) => navigate({ name: 'calendar', week: to === thisWeek ? null : to });
  const headingId = 'week-heading';
  const rangeText = `${dayName(days[0]!.date)} to ${dayName(days[6]!.date)}`;
  const postsPerDay = days.map((day) => columns.get(day.key)?.length ?? 0);
  // Arrow keys move between posts: up and down within a day, left and right across days.
  const moveFocus = (event: KeyboardEvent<HTMLOListElement>) => {
    const link = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!link) return;
    const [day, row] = link.dataset.cell!.split(':').map(Number) as [number, number];
    const to = moveInWeek(postsPerDay, { day, row }, event.key);
    if (!to) return;
    event.preventDefault();
    event.currentTarget.querySelector<HTMLElement>(`[data-cell="${to.day}:${to.row}"]`)?.focus();
  };

  return (
    <PostsFrame current="week">
      <div className="week-head">
        <h2 id={headingId} aria-live="polite">
          Week of {rangeText}
        </h2>
        <div className="toolbar">
          <button type="button" className="button button-secondary" onClick={() => go(shiftWeek(start, -1))}>
            Previous week
          </button>
          <button type="button" className="button button-secondary" disabled={start === thisWeek} onClick={() => go(thisWeek)}>
            This week
          </button>
          <button type="button" className="button button-secondary" onClick={() => go(shiftWeek(start, 1))}>
            Next week
          </button>
        </div>
      </div>
      <p className="muted">Times in your time zone, {timeZoneLabel(now)}. Arrow keys move between posts.</p>
      {!loaded && !listError ? <p className="muted">Loading posts…</p> : null}
      <ol className="week" aria-labelledby={headingId} onKeyDown={moveFocus}>
        {days.map((day, dayIndex) => {
          const placed = columns.get(day.key) ?? [];
          return (
            <li key={day.key} className="week-day" data-day={day.key} aria-current={day.key === today ? 'date' : undefined}>
              <h3 className="week-day-name" aria-label={dayName(day.date)}>
                {dayHeading(day.date)}
              </h3>
              {placed.length === 0 ? (
                <p className="muted week-empty">Nothing</p>
              ) : (
                <ul className="week-posts" role="list">
                  {placed.map(({ item, time }, row) => (
                    <WeekEntry key={item.id} post={item} time={time} cell={`${dayIndex}:${row}`} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </PostsFrame>
  );
}

function WeekEntry({ post, time, cell }: { post: Post; time: string; cell: string }) {
  const account = usePostAccount(post.accountId);
  return (
    <li className="week-post">
      <a href={postHref(post.id)} className="week-post-link" data-cell={cell}>
        <MediaThumb item={post.media[0]} kind={post.kind} alt={post.altText} cover={post.reelCover} />
        <span className="week-post-head">
          <time dateTime={slotOf(post) ?? undefined}>{time}</time>
          {account ? <Avatar account={account} size={24} /> : null}
          <span>
            {accountName(account)} · {KIND_LABEL[post.kind]}
          </span>
        </span>
        <PostStatusBadge post={post} />
        <span className="week-post-caption">{captionExcerpt(post.caption, 60)}</span>
      </a>
    </li>
  );
}
