import { useDraggable } from '@dnd-kit/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEventHandler, PointerEventHandler, ReactNode } from 'react';
import { altTextOf, type Post, type PostStatus } from '../../../src-shared/posts';
import { accountName, captionExcerpt, KIND_LABEL, STATUS_LABEL } from '../posts/describe';
import { MediaThumb } from '../posts/MediaThumb';
import { postHref } from '../posts/PostActions';
import { usePostAccount } from '../posts/usePostAccount';

/** Posts still the user's to move: not on their way out, not out. */
const MOVABLE: readonly PostStatus[] = ['draft', 'scheduled', 'pending_manual', 'held', 'failed'];

export const isMovable = (post: Post) => MOVABLE.includes(post.status) && post.scheduledAt !== null;

/** Where a post sits on the calendar: its slot, or when it went out if it was published without one. */
export const slotOf = (post: Post) => (post.status === 'published' ? (post.publishedAt ?? post.scheduledAt) : post.scheduledAt);

/** What a drag carries: the post, so the drop knows its slot and caption. */
export interface DraggedPost {
  post: Post;
}

/**
 * A post on the calendar: picture, time, status and caption on one card that never grows past its
 * slot. The card opens the post; dragging it (or its handle, from the keyboard) moves it.
 */
export function CalendarCard({ post, time, cell }: { post: Post; time: string; cell?: string }) {
  const account = usePostAccount(post.accountId);
  const movable = isMovable(post);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: `post:${post.id}`,
    data: { post } satisfies DraggedPost,
    disabled: !movable,
  });
  const caption = captionExcerpt(post.caption, 90);
  return (
    <div
      ref={setNodeRef}
      className={`cal-card cal-card-${post.status}`}
      data-dragging={isDragging ? 'true' : undefined}
      data-post-id={post.id}
      // The card drags with the pointer; only its handle starts a drag from the keyboard (Enter on the link opens the post).
      onPointerDown={listeners?.onPointerDown as PointerEventHandler | undefined}
    >
      <a className="cal-card-link" href={postHref(post.id)} data-cell={cell} draggable={false}>
        <MediaThumb item={post.media[0]} kind={post.kind} size="small" cover={post.reelCover} alt={altTextOf(post, 0)} />
        <time dateTime={slotOf(post) ?? undefined}>{time}</time>
        <span className="cal-card-caption">{caption}</span>
        <span className="cal-card-status">{STATUS_LABEL[post.status]}</span>
        <span className="visually-hidden">
          {' '}
          {accountName(account)} · {KIND_LABEL[post.kind]}
        </span>
      </a>
      {movable ? (
        <button
          ref={setActivatorNodeRef}
          type="button"
          className="cal-card-move"
          {...attributes}
          aria-label={`Move “${captionExcerpt(post.caption, 40)}” (${time})`}
          onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      ) : null}
    </div>
  );
}

/** The same card under the pointer while dragging (it follows the pointer above everything, including scroll areas). */
export function DraggingCard({ post }: { post: Post }) {
  return (
    <div className="cal-card cal-card-overlay">
      <MediaThumb item={post.media[0]} kind={post.kind} size="small" cover={post.reelCover} />
      <span className="cal-card-link">
        <span className="cal-card-caption">{captionExcerpt(post.caption, 60)}</span>
      </span>
    </div>
  );
}

/**
 * "+3 more": the posts that did not fit, in a panel that opens over the calendar. Escape or a click
 * elsewhere closes it, and focus returns to the button.
 */
export function MorePosts({ count, label, children }: { count: number; label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof PointerEvent && wrapRef.current?.contains(event.target as Node)) return;
      setOpen(false);
      if (event instanceof KeyboardEvent) buttonRef.current?.focus();
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);
  return (
    <div className="cal-more" ref={wrapRef}>
      <button ref={buttonRef} type="button" className="cal-more-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        +{count} more
      </button>
      {open ? (
        <div id={panelId} className="cal-more-panel" role="group" aria-label={label}>
          {children}
        </div>
      ) : null}
    </div>
  );
}
