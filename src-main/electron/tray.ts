import type { MenuItemConstructorOptions } from 'electron';

/** The tray menu for a given number of accounts needing attention. */
export function trayMenuTemplate(
  attentionCount: number,
  actions: { open: () => void; quit: () => void },
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: 'Open Postdeck', click: actions.open }];
  if (attentionCount > 0) {
    items.push({
      label: attentionCount === 1 ? '1 account needs attention' : `${attentionCount} accounts need attention`,
      click: actions.open,
    });
  }
  items.push({ type: 'separator' }, { label: 'Quit', click: actions.quit });
  return items;
}

export function trayTooltip(attentionCount: number): string {
  if (attentionCount <= 0) return 'Postdeck';
  return `Postdeck: ${attentionCount === 1 ? '1 account needs' : `${attentionCount} accounts need`} attention`;
}
