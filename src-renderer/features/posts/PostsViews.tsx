import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { usePosts, useStores } from '../../stores/context';
import './posts.css';

type PostsView = 'list' | 'calendar' | 'grid';

/**
 * The Posts screen around each view (list, calendar, profile grid, each with its own address): the heading,
 * the switch between them, and the list's loading error with a retry.
 */
export function PostsFrame({ current, children }: { current: PostsView; children: ReactNode }) {
  const listError = usePosts((s) => s.listError);
  const { posts } = useStores();
  const views: Array<{ view: PostsView; label: string; href: string }> = [
    { view: 'list', label: 'List', href: '#/posts' },
    { view: 'calendar', label: 'Calendar', href: '#/calendar' },
    { view: 'grid', label: 'Grid', href: '#/grid' },
  ];
  return (
    <Screen name="posts" title="Posts">
      <nav className="posts-views" aria-label="Posts view">
        {views.map((item) => (
          <a key={item.view} href={item.href} className="posts-view" aria-current={item.view === current ? 'page' : undefined}>
            {item.label}
          </a>
        ))}
      </nav>
      {listError ? <ErrorNotice error={listError} onRetry={() => void posts.getState().fetch()} /> : null}
      {children}
    </Screen>
  );
}
