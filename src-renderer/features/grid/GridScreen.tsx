import { DndContext, DragOverlay, useDraggable, useDroppable } from '@dnd-kit/core';
import type { Announcements, DragEndEvent } from '@dnd-kit/core';
import { useState } from 'react';
import { isAllowedImageUrl } from '../../../src-shared/csp';
import type { IgMedia } from '../../../src-shared/insights';
import type { Post, PostStatus } from '../../../src-shared/posts';
import { AccountPicker } from '../../components/AccountPicker';
import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorToast, undoToast } from '../../components/Toasts';
import { KEYBOARD_INSTRUCTIONS, pointerOrCentre, useDragSensors } from '../../lib/dnd';
import { useAccounts, usePosts, useStores, useUi } from '../../stores/context';
import { captionExcerpt, KIND_LABEL, STATUS_LABEL } from '../posts/describe';
import { MediaThumb } from '../posts/MediaThumb';
import { postHref } from '../posts/PostActions';
import { PostsFrame } from '../posts/PostsViews';
import { usePublishedMedia } from './usePublishedMedia';
import './grid.css';

/** Posts that will go out by themselves or with a yes: what the profile will show next. */
const WAITING: readonly PostStatus[] = ['scheduled', 'pending_manual', 'held'];

const slotText = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * The waiting posts in the order the profile will show them: the one going out last sits first (Instagram
 * shows the newest first), just above what is already published.
 */
export function plannedOrder(posts: readonly Post[], accountId: string): Post[] {
  return posts
    .filter((post) => post.accountId === accountId && WAITING.includes(post.status) && post.scheduledAt !== null)
    .sort((a, b) => Date.parse(b.scheduledAt!) - Date.parse(a.scheduledAt!));
}

/**
 * A mock of the account's Instagram profile grid: three columns of 3:4 tiles, the posts waiting to go out
 * on top, then the account's published media. Dragging a waiting post onto another swaps their slots.
 */
export function GridScreen({ accountId }: { accountId: string | null }) {
  const accounts = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.loaded);
  const all = usePosts((s) => s.posts);
  const navigate = useUi((s) => s.navigate);
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  const published = usePublishedMedia(account?.id ?? null);
  const planned = account ? plannedOrder(all, account.id) : [];

  let body;
  if (!loaded) body = <p className="muted">Loading…</p>;
  else if (!account) {
    body = (
      <div className="empty-state">
        <p>Connect an Instagram account to see its grid.</p>
        <a href="#/accounts">Go to the accounts page</a>
      </div>
    );
  } else {
    body = (
      <>
        <div className="grid-profile">
          <Avatar account={account} />
          <div>
            <p className="grid-username">@{account.username}</p>
            <p className="muted">
              {planned.length} planned · {published.items.length}
              {published.items.length === 25 ? '+' : ''} on Instagram
            </p>
          </div>
        </div>
        <p className="muted grid-hint">
          Planned posts sit on top in the order they will appear. Drag one onto another (or use Space and the arrow keys) to swap their times.
        </p>
        {published.error ? <ErrorNotice error={published.error} onRetry={published.reload} /> : null}
        <ProfileGrid planned={planned} published={published.items} posts={all} />
      </>
    );
  }

  return (
    <PostsFrame current="grid">
      <div className="grid-head">
        <h2>Grid preview</h2>
        <AccountPicker accounts={accounts} value={account?.id ?? ''} onChange={(id) => navigate({ name: 'grid', accountId: id })} />
      </div>
      {body}
    </PostsFrame>
  );
}

function ProfileGrid({ planned, published, posts }: { planned: Post[]; published: IgMedia[]; posts: Post[] }) {
  const sensors = useDragSensors();
  const { posts: store } = useStores();
  const [dragging, setDragging] = useState<Post | null>(null);
  const ours = new Map(posts.filter((post) => post.igMediaId).map((post) => [post.igMediaId!, post]));
  const byId = new Map(planned.map((post) => [`tile:${post.id}`, post]));
  const nameOf = (id: unknown) => `“${captionExcerpt(byId.get(String(id))?.caption ?? '', 40)}”`;

  async function swap(mine: Post, theirs: Post) {
    const swapped = await store.getState().swapSlots(mine.id, theirs.id);
    if (!swapped.ok) {
      errorToast(swapped.error);
      return;
    }
    undoToast(`${nameOf(`tile:${mine.id}`)} and ${nameOf(`tile:${theirs.id}`)} swapped times`, () => {
      void store
        .getState()
        .swapSlots(mine.id, theirs.id)
        .then((back) => (back.ok ? undefined : errorToast(back.error)));
    });
  }

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const mine = byId.get(String(event.active.id));
    const theirs = event.over ? byId.get(String(event.over.id)) : undefined;
    if (mine && theirs && mine.id !== theirs.id) void swap(mine, theirs);
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}. ${KEYBOARD_INSTRUCTIONS}`,
    onDragOver: ({ active, over }) => {
      if (!over) return 'Not over a planned post.';
      return over.id === active.id ? `${nameOf(active.id)} is over its own place.` : `${nameOf(active.id)} over ${nameOf(over.id)}: dropping swaps their times.`;
    },
    onDragEnd: ({ active, over }) => (over && over.id !== active.id ? `${nameOf(active.id)} and ${nameOf(over.id)} swap times.` : 'Dropped where it was.'),
    onDragCancel: () => 'Cancelled; nothing moved.',
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerOrCentre}
      accessibility={{ announcements, screenReaderInstructions: { draggable: KEYBOARD_INSTRUCTIONS } }}
      onDragStart={(event) => setDragging(byId.get(String(event.active.id)) ?? null)}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
    >
      <ul className="grid-tiles" aria-label="Profile grid, newest first">
        {planned.map((post) => (
          <PlannedTile key={post.id} post={post} />
        ))}
        {published.map((media) => (
          <PublishedTile key={media.id} media={media} post={ours.get(media.id)} />
        ))}
      </ul>
      {planned.length === 0 && published.length === 0 ? <p className="muted">Nothing planned or published yet.</p> : null}
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className="grid-tile grid-tile-overlay">
            <MediaThumb item={dragging.media[0]} kind={dragging.kind} size="large" cover={dragging.reelCover} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}

/** A waiting post: its picture and when it goes out; a drag handle and a drop target at once. */
function PlannedTile({ post }: { post: Post }) {
  const navigate = useUi((s) => s.navigate);
  const id = `tile:${post.id}`;
  const drag = useDraggable({ id });
  const drop = useDroppable({ id });
  const when = slotText(post.scheduledAt!);
  return (
    <li className="grid-cell" ref={drop.setNodeRef} data-over={drop.isOver && !drag.isDragging ? 'true' : undefined}>
      <div
        ref={drag.setNodeRef}
        className="grid-tile grid-tile-planned"
        data-dragging={drag.isDragging ? 'true' : undefined}
        data-post-id={post.id}
        {...drag.attributes}
        {...drag.listeners}
        aria-label={`${captionExcerpt(post.caption, 60)}, ${STATUS_LABEL[post.status].toLowerCase()} for ${when}`}
        onClick={() => navigate({ name: 'post', postId: post.id })}
      >
        <MediaThumb item={post.media[0]} kind={post.kind} size="large" cover={post.reelCover} />
        <span className="grid-when">
          <span aria-hidden="true">◷ </span>
          {when}
        </span>
        {post.status !== 'scheduled' ? <span className="grid-status">{STATUS_LABEL[post.status]}</span> : null}
        {post.kind !== 'image' ? <span className="grid-kind">{KIND_LABEL[post.kind]}</span> : null}
      </div>
    </li>
  );
}

const MEDIA_KIND: Record<string, string> = { CAROUSEL_ALBUM: 'Carousel', VIDEO: 'Reel', REELS: 'Reel' };

/** Published media: the post's own picture when Postdeck made it, else Instagram's thumbnail, else its caption. */
function PublishedTile({ media, post }: { media: IgMedia; post: Post | undefined }) {
  const kind = media.mediaProductType === 'REELS' ? 'Reel' : MEDIA_KIND[media.mediaType];
  const caption = captionExcerpt(media.caption ?? '', 60);
  const picture = post ? (
    <MediaThumb item={post.media[0]} kind={post.kind} size="large" cover={post.reelCover} />
  ) : media.thumbnailUrl && isAllowedImageUrl(media.thumbnailUrl) ? (
    <img className="media-thumb media-thumb-large" src={media.thumbnailUrl} alt="" loading="lazy" referrerPolicy="no-referrer" />
  ) : (
    <span className="grid-caption-tile" aria-hidden="true">
      {caption}
    </span>
  );
  const label = `Published${media.timestamp ? ` ${slotText(media.timestamp)}` : ''}: ${caption}`;
  const content = (
    <>
      {picture}
      {kind ? <span className="grid-kind">{kind}</span> : null}
    </>
  );
  // Postdeck's own posts open their page; the rest are described (published elsewhere, nothing to open here).
  return (
    <li className="grid-cell">
      {post ? (
        <a className="grid-tile grid-tile-published" href={postHref(post.id)} aria-label={label}>
          {content}
        </a>
      ) : (
        <div className="grid-tile grid-tile-published" role="img" aria-label={label}>
          {content}
        </div>
      )}
    </li>
  );
}
