import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { connectedAccount, expect, turnOnMessages, type Json, type WebHost } from './fixtures';

/** Every screen of the app, as a creator reaches it, and the window title that says it has loaded. */
export interface Screen {
  name: string;
  /** The address after the host's origin; `{post}` and `{account}` stand for the showcase's own. */
  hash: string;
  title: RegExp;
}

export const SCREENS: Screen[] = [
  { name: 'accounts', hash: '#/accounts', title: /Accounts/ },
  { name: 'posts', hash: '#/posts', title: /Posts/ },
  { name: 'queue', hash: '#/queue', title: /Queue/ },
  { name: 'calendar', hash: '#/calendar', title: /Calendar/ },
  { name: 'calendar-month', hash: '#/calendar?view=month', title: /Calendar/ },
  { name: 'grid', hash: '#/grid', title: /Grid preview/ },
  { name: 'composer', hash: '#/posts/new', title: /New post/ },
  { name: 'composer-edit', hash: '#/posts/{post}/edit', title: /Edit post/ },
  { name: 'post', hash: '#/posts/{post}', title: /Golden hour/ },
  { name: 'insights', hash: '#/insights', title: /Insights/ },
  { name: 'comments', hash: '#/comments', title: /Comments/ },
  { name: 'messages', hash: '#/messages', title: /Messages/ },
  { name: 'settings', hash: '#/settings', title: /Settings/ },
];

export interface Showcase {
  account: Json;
  /** A scheduled post made from a photo on this computer. */
  post: Json;
  cleanup(): void;
}

const DAY = 86_400_000;

/** A photo as a creator would have one: a soft gradient with a sun, in a colour of its own. */
function photo(from: string, to: string, width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.68}" cy="${height * 0.38}" r="${Math.min(width, height) * 0.12}" fill="#fff6d5" opacity="0.9"/>
    <path d="M0 ${height * 0.8} Q ${width * 0.3} ${height * 0.62} ${width * 0.55} ${height * 0.78} T ${width} ${height * 0.72} V ${height} H 0 Z" fill="#00000033"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * A lived-in workspace in the sandbox: one connected account, photos imported from this computer,
 * posts scheduled across this week and next, one waiting for approval, one published, a caption-only
 * draft, the seeded comments fetched into the inbox, and messages turned on with their seeded conversations.
 */
export async function seedShowcase(page: Page, host: WebHost): Promise<Showcase> {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-showcase-'));
  const account = await connectedAccount(page, host, 'maya.makes');
  const palette: Array<[string, string, number, number]> = [
    ['#f6a36b', '#7b4397', 1080, 1350],
    ['#4facfe', '#1e3c72', 1080, 1080],
    ['#f9d423', '#e65c00', 1080, 1350],
    ['#43cea2', '#185a9d', 1080, 1080],
    ['#ee9ca7', '#5f2c82', 1080, 1350],
  ];
  const media: string[] = [];
  for (const [index, [from, to, width, height]] of palette.entries()) {
    const file = join(dir, `golden-hour-${index + 1}.jpg`);
    writeFileSync(file, await photo(from, to, width, height));
    const imported = await host.api('media.import', { path: file });
    expect(imported.body.ok, imported.text).toBe(true);
    media.push(imported.body.value.id);
  }
  const at = (days: number, hour: number) => {
    const slot = new Date(Date.now() + days * DAY);
    slot.setHours(hour, 30, 0, 0);
    return slot.toISOString();
  };
  const create = async (input: Json) => {
    const created = await host.api('posts.create', { accountId: account.id, ...input });
    expect(created.body.ok, created.text).toBe(true);
    return created.body.value;
  };
  const post = await create({ kind: 'image', caption: 'Golden hour over the valley #travel #sunset', media: [{ mediaId: media[0] }], scheduledAt: at(1, 18) });
  await create({ kind: 'carousel', caption: 'Five frames from the coast trip', media: media.slice(1, 4).map((mediaId) => ({ mediaId, fit: 'crop' })), scheduledAt: at(2, 9) });
  await create({ kind: 'image', caption: 'Morning light, quiet streets', media: [{ mediaId: media[3], fit: 'crop' }], scheduledAt: at(4, 12) });
  await create({ kind: 'image', caption: 'Studio day: new prints are in', media: [{ mediaId: media[4] }], scheduledAt: at(1, 9), mode: 'manual' });
  const now = await create({ kind: 'image', caption: 'Out now: the autumn collection', media: [{ mediaId: media[2] }], scheduledAt: at(8, 10) });
  const published = await host.api('posts.publishNow', { postId: now.id });
  expect(published.body.ok, published.text).toBe(true);
  // Instagram takes a moment to process the photo: the grid and the post list show it once it is out.
  await expect.poll(async () => (await host.api('posts.get', { postId: now.id })).body.value.status, { timeout: 30_000 }).toBe('published');
  await host.api('comments.refresh', {});
  await turnOnMessages(page, 'maya.makes');
  const refreshed = await host.api('messages.refresh', { accountId: account.id });
  expect(refreshed.body.ok, refreshed.text).toBe(true);
  // The connect notice has been read: it would otherwise head every screenshot.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText(`Connected @${account.username}`)).toHaveCount(0);
  return { account, post, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a screen in the page already signed in (the address, as a creator's click changes it) and waits until it has loaded. */
export async function openScreen(page: Page, screen: Screen, showcase: Showcase): Promise<void> {
  const hash = screen.hash.replace('{post}', showcase.post.id).replace('{account}', showcase.account.id);
  await page.evaluate((next) => (window.location.hash = next), hash);
  await expect(page).toHaveTitle(screen.title);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // Its lazy code and its figures alike: every screen says "Loading …" while it waits.
  await expect(page.getByText(/^Loading\b/)).toHaveCount(0, { timeout: 20_000 });
}
