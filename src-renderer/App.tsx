import { lazy, Suspense, useEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import { ErrorNotice } from './components/ErrorNotice';
import { AppToaster } from './components/Toasts';
import { Header } from './components/Header';
import { Notices } from './components/Notices';
import { pageKey } from './lib/routes';
import { pageTitle } from './lib/pageTitle';
import { captionExcerpt } from './features/posts/describe';
import type { Route } from './lib/routes';
import { AccountsScreen } from './features/accounts/AccountsScreen';
import { useApp, usePosts, useStores, useUi } from './stores/context';

// The first screen (accounts) comes with the app; the others load when first opened, so the first chunk
// stays small. Each screen module names its export; lazy() wants a default.
const ComposerScreen = lazy(() => import('./features/posts/ComposerScreen').then((m) => ({ default: m.ComposerScreen })));
const PostDetailScreen = lazy(() => import('./features/posts/PostDetailScreen').then((m) => ({ default: m.PostDetailScreen })));
const PostsScreen = lazy(() => import('./features/posts/PostsScreen').then((m) => ({ default: m.PostsScreen })));
const QueueScreen = lazy(() => import('./features/posts/QueueScreen').then((m) => ({ default: m.QueueScreen })));
const CalendarScreen = lazy(() => import('./features/calendar/CalendarScreen').then((m) => ({ default: m.CalendarScreen })));
const GridScreen = lazy(() => import('./features/grid/GridScreen').then((m) => ({ default: m.GridScreen })));
const AccountInsightsScreen = lazy(() => import('./features/insights/AccountInsightsScreen').then((m) => ({ default: m.AccountInsightsScreen })));
const CommentsScreen = lazy(() => import('./features/comments/CommentsScreen').then((m) => ({ default: m.CommentsScreen })));
const MessagesScreen = lazy(() => import('./features/messages/MessagesScreen').then((m) => ({ default: m.MessagesScreen })));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

function CurrentScreen({ route }: { route: Route }) {
  switch (route.name) {
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'posts':
      return <PostsScreen tab={route.tab} />;
    case 'queue':
      return <QueueScreen />;
    case 'composer':
      // Keyed so that going from one post's editor to another's (or to a new post) starts afresh.
      return <ComposerScreen key={route.postId ?? `new ${route.at ?? ''}`} postId={route.postId} at={route.at} />;
    case 'post':
      return <PostDetailScreen key={route.postId} postId={route.postId} />;
    case 'calendar':
      return <CalendarScreen view={route.view} date={route.date} />;
    case 'grid':
      return <GridScreen key={route.accountId ?? 'first'} accountId={route.accountId} />;
    case 'insights':
      return <AccountInsightsScreen accountId={route.accountId} />;
    case 'comments':
      return <CommentsScreen />;
    case 'messages':
      return <MessagesScreen />;
  }
}

/** The window's (and the browser tab's) title follows the screen; a post's page names its caption. */
function useDocumentTitle(route: Route) {
  const caption = usePosts((s) => (route.name === 'post' ? s.posts.find((p) => p.id === route.postId)?.caption : undefined));
  const postName = caption?.trim() ? captionExcerpt(caption, 40) : null;
  const title = pageTitle(route, postName);
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export function App() {
  const route = useUi((s) => s.route);
  const info = useApp((s) => s.info);
  const infoError = useApp((s) => s.infoError);
  const { app } = useStores();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const page = pageKey(route);
  useDocumentTitle(route);

  // After navigating, a new screen starts at its top, and focus moves to its heading so keyboard and
  // screen-reader users follow.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.querySelector<HTMLElement>('[data-focus-fallback]')?.focus({ preventScroll: true });
  }, [page]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <Header />
      <main id="main" ref={mainRef} className="app-main" tabIndex={-1}>
        <Notices />
        {!info && infoError ? (
          <ErrorNotice error={infoError} onRetry={() => void app.getState().loadInfo()} />
        ) : (
          <Suspense fallback={<p className="screen-loading" aria-busy="true">Loading…</p>}>
            <CurrentScreen route={route} />
          </Suspense>
        )}
      </main>
      <AppToaster />
    </div>
  );
}

/** The skip link's #main would be read as a route; move focus by hand instead. */
function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
