import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { PostTab } from '../../lib/routes';
import { usePosts, useUi } from '../../stores/context';
import { PostRow } from './PostRow';
import { PostsFrame } from './PostsViews';
import { postsInTab, TABS } from './tabs';
import './posts.css';

/** Every post, by where it stands: one tab per group of statuses, the tab in the address. */
export function PostsScreen({ tab }: { tab: PostTab }) {
  const all = usePosts((s) => s.posts);
  const loaded = usePosts((s) => s.loaded);
  const listError = usePosts((s) => s.listError);
  const navigate = useUi((s) => s.navigate);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = TABS.find((t) => t.tab === tab) ?? TABS[0]!;
  const shown = postsInTab(all, current.tab);

  const select = (next: PostTab, focus = false) => {
    // Tabs filter one page: the address follows (so a reload keeps it) without a Back step per click.
    navigate({ name: 'posts', tab: next }, { replace: true });
    if (focus) tabRefs.current[next]?.focus();
  };

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, selection follows focus).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = TABS.findIndex((t) => t.tab === current.tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target =
      event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : step ? TABS[(index + step + TABS.length) % TABS.length] : null;
    if (!target) return;
    event.preventDefault();
    select(target.tab, true);
  }

  return (
    <PostsFrame current="list">
      <div className="tabs" role="tablist" aria-label="Posts by status" onKeyDown={onKeyDown}>
        {TABS.map((t) => {
          const selected = t.tab === current.tab;
          const count = postsInTab(all, t.tab).length;
          return (
            <button
              key={t.tab}
              ref={(el) => {
                tabRefs.current[t.tab] = el;
              }}
              type="button"
              role="tab"
              id={`posts-tab-${t.tab}`}
              aria-selected={selected}
              aria-controls="posts-panel"
              tabIndex={selected ? 0 : -1}
              className="tab"
              onClick={() => select(t.tab)}
            >
              {t.label}
              {count > 0 ? (
                <>
                  {' '}
                  <span className="tab-count">{count}</span>
                </>
              ) : null}
            </button>
          );
        })}
      </div>
      <div id="posts-panel" role="tabpanel" aria-labelledby={`posts-tab-${current.tab}`}>
        {!loaded && !listError ? <p className="muted">Loading posts…</p> : null}
        {loaded && shown.length === 0 ? (
          <div className="empty-state">
            <p>{current.empty}</p>
            <a href="#/posts/new">Write a new post</a>
          </div>
        ) : null}
        {shown.length > 0 ? (
          <ul className="post-list" role="list" aria-label={current.label}>
            {shown.map((post) => (
              <PostRow key={post.id} post={post} />
            ))}
          </ul>
        ) : null}
      </div>
    </PostsFrame>
  );
}
