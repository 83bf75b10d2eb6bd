/**
 * One address per screen, in the URL's #hash so it works on file:// (Electron) and on the browser host
 * alike, with the browser's own back and forward. Pure: parse and format, no window.
 */
import { isDayKey, type DayKey } from './week';

export const POST_TABS = ['scheduled', 'waiting', 'published', 'failed', 'drafts'] as const;
export type PostTab = (typeof POST_TABS)[number];

export type Route =
  | { name: 'accounts' }
  | { name: 'settings' }
  | { name: 'posts'; tab: PostTab }
  | { name: 'composer'; postId: string | null }
  | { name: 'post'; postId: string }
  | { name: 'queue' }
  /** The week view of the queue; `week` is its Monday in the user's zone, null for this week. */
  | { name: 'calendar'; week: DayKey | null }
  | { name: 'insights'; accountId: string | null }
  /** The comments inbox, across accounts. */
  | { name: 'comments' };

/** The top-level places the header links to. */
export type Screen = 'accounts' | 'posts' | 'queue' | 'settings' | 'composer' | 'insights' | 'comments';

export const DEFAULT_ROUTE: Route = { name: 'accounts' };

const POST_ID = /^[A-Za-z0-9-]{1,100}$/;

function isPostTab(value: string | null): value is PostTab {
  return value !== null && (POST_TABS as readonly string[]).includes(value);
}

/** `#/posts/abc/edit` → the composer for post abc; anything unknown → null. */
export function parseRoute(hash: string): Route | null {
  const text = hash.replace(/^#/, '');
  const [path = '', query = ''] = text.split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const [first, second, third] = parts;
  if (parts.length === 0) return DEFAULT_ROUTE;
  if (parts.length === 1 && (first === 'accounts' || first === 'settings' || first === 'queue' || first === 'comments')) return { name: first };
  if (parts.length === 1 && first === 'calendar') {
    const week = new URLSearchParams(query).get('week');
    return { name: 'calendar', week: week !== null && isDayKey(week) ? week : null };
  }
  if (first === 'insights' && parts.length <= 2) return { name: 'insights', accountId: second && POST_ID.test(second) ? second : null };
  if (first !== 'posts') return null;
  if (parts.length === 1) {
    const tab = new URLSearchParams(query).get('show');
    return { name: 'posts', tab: isPostTab(tab) ? tab : 'scheduled' };
  }
  if (second === 'new' && parts.length === 2) return { name: 'composer', postId: null };
  if (!second || !POST_ID.test(second)) return null;
  if (parts.length === 2) return { name: 'post', postId: second };
  if (parts.length === 3 && third === 'edit') return { name: 'composer', postId: second };
  return null;
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'accounts':
    case 'settings':
    case 'queue':
    case 'comments':
      return `#/${route.name}`;
    case 'posts':
      return route.tab === 'scheduled' ? '#/posts' : `#/posts?show=${route.tab}`;
    case 'composer':
      return route.postId ? `#/posts/${route.postId}/edit` : '#/posts/new';
    case 'post':
      return `#/posts/${route.postId}`;
    case 'calendar':
      return route.week ? `#/calendar?week=${route.week}` : '#/calendar';
    case 'insights':
      return route.accountId ? `#/insights/${route.accountId}` : '#/insights';
  }
}

export function routeForScreen(screen: Screen): Route {
  switch (screen) {
    case 'posts':
      return { name: 'posts', tab: 'scheduled' };
    case 'composer':
      return { name: 'composer', postId: null };
    case 'insights':
      return { name: 'insights', accountId: null };
    default:
      return { name: screen };
  }
}

/** Which header entry is "current" for a route (a post's detail belongs to Posts). */
export function screenOf(route: Route): Screen {
  switch (route.name) {
    case 'post':
    case 'calendar':
      return 'posts';
    case 'composer':
      return route.postId ? 'posts' : 'composer';
    default:
      return route.name;
  }
}

/**
 * Identifies the page, not its filters: moving between a list's tabs keeps focus on the tab, while a
 * new page moves focus to its heading.
 */
export function pageKey(route: Route): string {
  // Likewise moving between weeks keeps focus on the button pressed.
  return route.name === 'posts' || route.name === 'calendar' ? route.name : formatRoute(route);
}
