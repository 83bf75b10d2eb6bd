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
  /** `at`: a new post's slot as a local wall time, 'YYYY-MM-DDTHH:MM' (a calendar slot was clicked). */
  | { name: 'composer'; postId: string | null; at?: string }
  | { name: 'post'; postId: string }
  | { name: 'queue' }
  /**
   * The calendar, a week or a month; `date` is the week's Monday or the month's 1st in the user's zone,
   * null for the current one.
   */
  | { name: 'calendar'; view: CalendarView; date: DayKey | null }
  /** The profile grid preview of one account (null: the first). */
  | { name: 'grid'; accountId: string | null }
  | { name: 'insights'; accountId: string | null }
  /** The comments inbox, across accounts. */
  | { name: 'comments' }
  /** Direct messages, across the accounts that turned them on. */
  | { name: 'messages' };

/** The top-level places the header links to. */
export type Screen = 'accounts' | 'posts' | 'queue' | 'settings' | 'composer' | 'insights' | 'comments' | 'messages';

export type CalendarView = 'week' | 'month';

export const DEFAULT_ROUTE: Route = { name: 'accounts' };

const POST_ID = /^[A-Za-z0-9-]{1,100}$/;
const LOCAL_SLOT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** `?week=2026-03-23` (a Monday… any day of it), `?month=2026-03`, `?view=month` (this month), nothing (this week). */
function parseCalendar(query: string): Route {
  const params = new URLSearchParams(query);
  const month = params.get('month');
  if (month !== null && MONTH.test(month) && isDayKey(`${month}-01`)) return { name: 'calendar', view: 'month', date: `${month}-01` };
  if (params.get('view') === 'month') return { name: 'calendar', view: 'month', date: null };
  const week = params.get('week');
  return { name: 'calendar', view: 'week', date: week !== null && isDayKey(week) ? week : null };
}

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
  if (parts.length === 1 && (first === 'accounts' || first === 'settings' || first === 'queue' || first === 'comments' || first === 'messages')) return { name: first };
  if (parts.length === 1 && first === 'calendar') return parseCalendar(query);
  if (first === 'grid' && parts.length <= 2) return { name: 'grid', accountId: second && POST_ID.test(second) ? second : null };
  if (first === 'insights' && parts.length <= 2) return { name: 'insights', accountId: second && POST_ID.test(second) ? second : null };
  if (first !== 'posts') return null;
  if (parts.length === 1) {
    const tab = new URLSearchParams(query).get('show');
    return { name: 'posts', tab: isPostTab(tab) ? tab : 'scheduled' };
  }
  if (second === 'new' && parts.length === 2) {
    const at = new URLSearchParams(query).get('at');
    return at !== null && LOCAL_SLOT.test(at) ? { name: 'composer', postId: null, at } : { name: 'composer', postId: null };
  }
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
    case 'messages':
      return `#/${route.name}`;
    case 'posts':
      return route.tab === 'scheduled' ? '#/posts' : `#/posts?show=${route.tab}`;
    case 'composer':
      if (route.postId) return `#/posts/${route.postId}/edit`;
      return route.at ? `#/posts/new?at=${route.at}` : '#/posts/new';
    case 'post':
      return `#/posts/${route.postId}`;
    case 'calendar':
      if (route.view === 'month') return route.date ? `#/calendar?month=${route.date.slice(0, 7)}` : '#/calendar?view=month';
      return route.date ? `#/calendar?week=${route.date}` : '#/calendar';
    case 'grid':
      return route.accountId ? `#/grid/${route.accountId}` : '#/grid';
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
    case 'grid':
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
  // Likewise moving between weeks, months or a grid's accounts keeps focus on the control used.
  return route.name === 'posts' || route.name === 'calendar' || route.name === 'grid' ? route.name : formatRoute(route);
}
