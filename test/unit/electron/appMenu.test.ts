import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../src-main/electron/appMenu';

const DEVELOPMENT_ROLES = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu'];

/** Every role in the menu, submenus included. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('appMenuTemplate', () => {
  it('leaves Reload and DevTools out of a production menu, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const found = roles(appMenuTemplate({ platform, development: false }));
      for (const role of DEVELOPMENT_ROLES) expect(found, `${platform}: ${role}`).not.toContain(role);
    }
  });

  it('offers Reload and DevTools in development', () => {
    expect(roles(appMenuTemplate({ platform: 'linux', development: true }))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('keeps the Edit menu (copy, paste and their shortcuts) and zoom in production', () => {
    const found = roles(appMenuTemplate({ platform: 'win32', development: false }));
    expect(found).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('puts the app menu first on macOS only', () => {
    expect(appMenuTemplate({ platform: 'darwin', development: false })[0]).toEqual({ role: 'appMenu' });
    expect(roles(appMenuTemplate({ platform: 'linux', development: false }))).not.toContain('appMenu');
  });
});
