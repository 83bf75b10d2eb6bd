import type { Route } from './routes';

const APP = 'Postdeck';

/** Each screen's name in the window title and the browser tab; a post is named by its own caption. */
const SCREEN_TITLE: Record<Route['name'], string> = {
  accounts: 'Accounts',
  settings: 'Settings',
  posts: 'Posts',
  composer: 'New post',
  post: 'Post',
  queue: 'Queue',
  calendar: 'Calendar',
  grid: 'Grid preview',
  insights: 'Insights',
  comments: 'Comments',
  messages: 'Messages',
};

/** "Queue — Postdeck"; a post's page is named by `postName` (the start of its caption) once it is known. Pure. */
export function pageTitle(route: Route, postName?: string | null): string {
  const screen = route.name === 'composer' && route.postId ? 'Edit post' : route.name === 'post' && postName ? postName : SCREEN_TITLE[route.name];
  return `${screen} — ${APP}`;
}
