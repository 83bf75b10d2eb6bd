import { describe, expect, it } from 'vitest';
import { formatRoute, pageKey, parseRoute, screenOf } from '../../../src-renderer/lib/routes';
import type { Route } from '../../../src-renderer/lib/routes';
import { createUiStore } from '../../../src-renderer/stores/ui';
import type { LocationPort } from '../../../src-renderer/stores/ui';

/** A browser history in memory: entries, a cursor, and Back/Forward that tell listeners like popstate does. */
function memoryLocation(initial = '') {
  const entries = [initial];
  let index = 0;
  const listeners = new Set<() => void>();
  const fire = () => listeners.forEach((listener) => listener());
  const port: LocationPort = {
    hash: () => entries[index]!,
    push(hash) {
      entries.splice(index + 1, entries.length, hash);
      index = entries.length - 1;
    },
    replace(hash) {
      entries[index] = hash;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    port,
    entries,
    back() {
      index -= 1;
      fire();
    },
    forward() {
      index += 1;
      fire();
    },
    /** The user types an address (or follows a plain #link). */
    type(hash: string) {
      port.push(hash);
      fire();
    },
  };
}

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('routes', () => {
  const routes: Array<[string, Route]> = [
    ['#/accounts', { name: 'accounts' }],
    ['#/settings', { name: 'settings' }],
    ['#/queue', { name: 'queue' }],
    ['#/posts', { name: 'posts', tab: 'scheduled' }],
    ['#/posts?show=failed', { name: 'posts', tab: 'failed' }],
    ['#/posts/new', { name: 'composer', postId: null }],
    [`#/posts/${id}`, { name: 'post', postId: id }],
    [`#/posts/${id}/edit`, { name: 'composer', postId: id }],
    ['#/posts/new?at=2026-12-03T14:00', { name: 'composer', postId: null, at: '2026-12-03T14:00' }],
    ['#/calendar', { name: 'calendar', view: 'week', date: null }],
    ['#/calendar?week=2026-03-23', { name: 'calendar', view: 'week', date: '2026-03-23' }],
    ['#/calendar?view=month', { name: 'calendar', view: 'month', date: null }],
    ['#/calendar?month=2026-03', { name: 'calendar', view: 'month', date: '2026-03-01' }],
    ['#/grid', { name: 'grid', accountId: null }],
    [`#/grid/${id}`, { name: 'grid', accountId: id }],
    ['#/insights', { name: 'insights', accountId: null }],
    [`#/insights/${id}`, { name: 'insights', accountId: id }],
  ];

  it.each(routes)('%s ↔ its route', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(formatRoute(route)).toBe(hash);
  });

  it('an empty address is the accounts screen; unknown addresses are not routes', () => {
    expect(parseRoute('')).toEqual({ name: 'accounts' });
    expect(parseRoute('#/')).toEqual({ name: 'accounts' });
    expect(parseRoute('#/nope')).toBeNull();
    expect(parseRoute('#/posts/a b')).toBeNull();
    expect(parseRoute(`#/posts/${id}/delete`)).toBeNull();
    expect(parseRoute('#/posts?show=bogus')).toEqual({ name: 'posts', tab: 'scheduled' });
    expect(parseRoute('#/calendar?week=2026-02-31')).toEqual({ name: 'calendar', view: 'week', date: null });
    expect(parseRoute('#/calendar?month=2026-13')).toEqual({ name: 'calendar', view: 'week', date: null });
    expect(parseRoute('#/posts/new?at=tomorrow')).toEqual({ name: 'composer', postId: null });
    expect(parseRoute('#/calendar/2026')).toBeNull();
  });

  it('a post’s pages belong to Posts in the header; a list’s tabs are one page', () => {
    expect(screenOf({ name: 'post', postId: id })).toBe('posts');
    expect(screenOf({ name: 'composer', postId: null })).toBe('composer');
    expect(pageKey({ name: 'posts', tab: 'drafts' })).toBe(pageKey({ name: 'posts', tab: 'published' }));
    expect(pageKey({ name: 'post', postId: id })).not.toBe(pageKey({ name: 'posts', tab: 'scheduled' }));
    expect(screenOf({ name: 'calendar', view: 'week', date: null })).toBe('posts');
    expect(screenOf({ name: 'grid', accountId: null })).toBe('posts');
    expect(pageKey({ name: 'calendar', view: 'week', date: '2026-03-23' })).toBe(pageKey({ name: 'calendar', view: 'month', date: null }));
    expect(pageKey({ name: 'calendar', view: 'week', date: null })).not.toBe(pageKey({ name: 'posts', tab: 'scheduled' }));
  });

  it('each week of the calendar is a Back step', () => {
    const history = memoryLocation('#/calendar');
    const ui = createUiStore(history.port);
    ui.getState().navigate({ name: 'calendar', view: 'week', date: '2026-03-30' });
    expect(history.entries).toEqual(['#/calendar', '#/calendar?week=2026-03-30']);
    history.back();
    expect(ui.getState().route).toEqual({ name: 'calendar', view: 'week', date: null });
  });
});

describe('ui store navigation', () => {
  it('starts from the address, and writes a canonical one for an empty or unknown address', () => {
    expect(createUiStore(memoryLocation('#/queue').port).getState().route).toEqual({ name: 'queue' });
    const empty = memoryLocation('');
    expect(createUiStore(empty.port).getState().route).toEqual({ name: 'accounts' });
    expect(empty.entries).toEqual(['#/accounts']);
    const unknown = memoryLocation('#/whatever');
    createUiStore(unknown.port);
    expect(unknown.entries).toEqual(['#/accounts']);
  });

  it('navigate pushes an entry; Back and Forward move the route with the address', () => {
    const history = memoryLocation('#/accounts');
    const ui = createUiStore(history.port);
    ui.getState().navigate('posts');
    ui.getState().navigate({ name: 'post', postId: id });
    expect(history.entries).toEqual(['#/accounts', '#/posts', `#/posts/${id}`]);
    expect(ui.getState().route).toEqual({ name: 'post', postId: id });

    history.back();
    expect(ui.getState().route).toEqual({ name: 'posts', tab: 'scheduled' });
    history.back();
    expect(ui.getState().route).toEqual({ name: 'accounts' });
    history.forward();
    expect(ui.getState().route).toEqual({ name: 'posts', tab: 'scheduled' });
  });

  it('going to the current screen again adds no Back step; replace swaps the entry', () => {
    const history = memoryLocation('#/settings');
    const ui = createUiStore(history.port);
    ui.getState().navigate('settings');
    expect(history.entries).toEqual(['#/settings']);
    ui.getState().navigate('composer');
    ui.getState().navigate({ name: 'posts', tab: 'drafts' }, { replace: true });
    expect(history.entries).toEqual(['#/settings', '#/posts?show=drafts']);
    expect(ui.getState().route).toEqual({ name: 'posts', tab: 'drafts' });
  });

  it('follows a typed address or a #link, and puts back the address when it is not a route', () => {
    const history = memoryLocation('#/accounts');
    const ui = createUiStore(history.port);
    history.type('#/queue');
    expect(ui.getState().route).toEqual({ name: 'queue' });
    history.type('#/bogus');
    expect(ui.getState().route).toEqual({ name: 'queue' });
    expect(history.port.hash()).toBe('#/queue');
  });

  it('stop detaches it from the address bar', () => {
    const history = memoryLocation('#/accounts');
    const ui = createUiStore(history.port);
    ui.stop();
    history.type('#/queue');
    expect(ui.getState().route).toEqual({ name: 'accounts' });
  });
});

describe('windowLocation', () => {
  it('pushes and replaces through the History API and hears popstate and hashchange', async () => {
    const { windowLocation } = await import('../../../src-renderer/stores/ui');
    const calls: string[] = [];
    const target = new EventTarget();
    const win = Object.assign(target, {
      location: { hash: '#/accounts' },
      history: {
        state: null,
        pushState: (_: unknown, __: string, url: string) => calls.push(`push ${url}`),
        replaceState: (_: unknown, __: string, url: string) => calls.push(`replace ${url}`),
      },
    }) as unknown as Window;
    const port = windowLocation(win);
    port.push('#/queue');
    port.replace('#/posts');
    expect(calls).toEqual(['push #/queue', 'replace #/posts']);
    let heard = 0;
    const off = port.listen(() => heard++);
    target.dispatchEvent(new Event('popstate'));
    target.dispatchEvent(new Event('hashchange'));
    off();
    target.dispatchEvent(new Event('popstate'));
    expect(heard).toBe(2);
  });
});

describe('the tray’s address of the approval queue', () => {
  it('is the queue screen', async () => {
    const { WAITING_QUEUE_HASH } = await import('../../../src-main/electron/tray');
    expect(parseRoute(WAITING_QUEUE_HASH)).toEqual({ name: 'queue' });
  });
});

describe('notices', () => {
  it('stay on the page they were raised on (its tabs too), and go when you leave it; app-wide ones follow you', () => {
    const history = memoryLocation('#/accounts');
    const ui = createUiStore(history.port);
    ui.getState().notify({ kind: 'info', text: 'disconnected' });
    ui.getState().notify({ kind: 'success', text: 'connected', appWide: true });
    ui.getState().navigate('posts');
    ui.getState().notify({ kind: 'success', text: 'scheduled' });
    ui.getState().navigate({ name: 'posts', tab: 'drafts' });
    expect(ui.getState().notices.map((n) => n.text)).toEqual(['connected', 'scheduled']);
    history.back();
    history.back();
    expect(ui.getState().route).toEqual({ name: 'accounts' });
    expect(ui.getState().notices.map((n) => n.text)).toEqual(['connected']);
  });
});
