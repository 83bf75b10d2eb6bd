import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { usePosts, useStores } from '../../stores/context';
import './posts.css';

/**
 * The Posts screen around either view (list or week, each with its own address): the heading, the switch
 * between the two, and the list's loading error with a retry.
 */
export function PostsFrame({ current, children }: { current: 'list' | 'calendar'; children: ReactNode }) {
  const listError = usePosts((s) => s.listError);
  const { posts } = useStores();
  const views: Array<{ view: 'list' | 'calendar'; label: string; href: string }> = [
    { view: 'list', label: 'List', href: '#/posts' },
    { view: 'calendar', label: 'Calendar', href: '#/calendar' },
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
