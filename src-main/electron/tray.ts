import type { MenuItemConstructorOptions } from 'electron';

/** What the tray counts: accounts that need attention, and posts waiting for the user's approval. */
export interface TrayCounts {
  attention: number;
  waiting: number;
}

/** The renderer's address of the pending-manual queue (src-renderer/lib/routes.ts formats it the same way). */
export const WAITING_QUEUE_HASH = '#/queue';

const attentionText = (n: number) => (n === 1 ? '1 account needs attention' : `${n} accounts need attention`);
const waitingText = (n: number) => (n === 1 ? '1 post waits for approval' : `${n} posts wait for approval`);

/** The tray menu: Open, a line per count that is not zero, Quit. */
export function trayMenuTemplate(
  counts: TrayCounts,
  actions: { open: () => void; openWaitingQueue: () => void; quit: () => void },
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: 'Open Postdeck', click: actions.open }];
  if (counts.attention > 0) items.push({ label: attentionText(counts.attention), click: actions.open });
  if (counts.waiting > 0) items.push({ label: waitingText(counts.waiting), click: actions.openWaitingQueue });
  items.push({ type: 'separator' }, { label: 'Quit', click: actions.quit });
  return items;
}

export function trayTooltip(counts: TrayCounts): string {
  const lines = [
    ...(counts.attention > 0 ? [attentionText(counts.attention)] : []),
    ...(counts.waiting > 0 ? [waitingText(counts.waiting)] : []),
  ];
  return lines.length ? `Postdeck: ${lines.join('; ')}` : 'Postdeck';
}
