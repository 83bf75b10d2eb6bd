import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Reload and DevTools are for development only: in a packaged app a reload would
 * throw away what is on screen, and DevTools would open the renderer to anyone at the keyboard.
 * Edit keeps its roles so copy, paste and their shortcuts work in every text field.
 */
export function appMenuTemplate(options: { platform: NodeJS.Platform; development: boolean }): MenuItemConstructorOptions[] {
  const developmentItems: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    { role: 'toggleDevTools' },
    { type: 'separator' },
  ];
  const view: MenuItemConstructorOptions[] = [
    ...(options.development ? developmentItems : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    // Not `role: 'viewMenu'`: Electron's default View menu always contains Reload and DevTools.
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
