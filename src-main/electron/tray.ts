import type { MenuItemConstructorOptions } from 'electron';

/** What the tray reports: accounts that need the user, and posts that wait for approval. */
export interface TrayCounts {
  attention: number;
  awaitingApproval: number;
}

const accountsText = (n: number) => (n === 1 ? '1 account needs attention' : `${n} accounts need attention`);
const approvalText = (n: number) => (n === 1 ? '1 post waits for approval' : `${n} posts wait for approval`);

/** The tray menu: each count is an entry that opens the place where it can be dealt with. */
export function trayMenuTemplate(
  counts: TrayCounts,
  actions: { open: () => void; openQueue: () => void; quit: () => void },
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: 'Open Postdeck', click: actions.open }];
  if (counts.attention > 0) items.push({ label: accountsText(counts.attention), click: actions.open });
  if (counts.awaitingApproval > 0) items.push({ label: approvalText(counts.awaitingApproval), click: actions.openQueue });
  items.push({ type: 'separator' }, { label: 'Quit', click: actions.quit });
  return items;
}

export function trayTooltip(counts: TrayCounts): string {
  const parts = [
    ...(counts.attention > 0 ? [accountsText(counts.attention)] : []),
    ...(counts.awaitingApproval > 0 ? [approvalText(counts.awaitingApproval)] : []),
  ];
  return parts.length ? `Postdeck: ${parts.join('; ')}` : 'Postdeck';
}
