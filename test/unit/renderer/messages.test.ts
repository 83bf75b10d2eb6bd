import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src-shared/messages';
import { groupByDay, lastExcerpt, listTime, newestFirst, replyClosedText, replyOpenText, replyWindow } from '../../../src-renderer/features/messages/conversations';
import { pageTitle } from '../../../src-renderer/lib/pageTitle';
import { formatRoute, parseRoute, screenOf } from '../../../src-renderer/lib/routes';

const HOUR = 3_600_000;
// Local noon, so "today" and "yesterday" hold in any TZ the tests run in.
const now = new Date(2026, 10, 20, 12, 0).getTime();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();

const conversation = (extra: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  accountId: 'a1',
  username: 'lena.travels',
  pictureUrl: null,
  lastMessageAt: at(1),
  unread: true,
  canReplyUntil: new Date(now + 23 * HOUR).toISOString(),
  canReply: true,
  messages: [
    { id: 'm1', from: 'them', text: 'Hi! Love the prints', at: at(30) },
    { id: 'm2', from: 'me', text: 'Thank you!', at: at(29) },
    { id: 'm3', from: 'them', text: 'Do you ship\nto Spain?', at: at(1) },
  ],
  ...extra,
});

describe('the messages screen', () => {
  it('has its own address and title', () => {
    expect(parseRoute('#/messages')).toEqual({ name: 'messages' });
    expect(formatRoute({ name: 'messages' })).toBe('#/messages');
    expect(screenOf({ name: 'messages' })).toBe('messages');
    expect(pageTitle({ name: 'messages' })).toBe('Messages — Postdeck');
  });

  it('lists conversations newest first', () => {
    const older = conversation({ id: 'old', lastMessageAt: at(50) });
    const newer = conversation({ id: 'new', lastMessageAt: at(2) });
    expect(newestFirst([older, newer]).map((c) => c.id)).toEqual(['new', 'old']);
  });

  it('shows the last message on one line, with "You:" before the account’s own', () => {
    expect(lastExcerpt(conversation())).toBe('Do you ship to Spain?');
    const mine = conversation({ messages: [{ id: 'm', from: 'me', text: 'See you there', at: at(1) }] });
    expect(lastExcerpt(mine)).toBe('You: See you there');
    expect(lastExcerpt(conversation({ messages: [{ id: 'm', from: 'them', text: 'x'.repeat(100), at: at(1) }] }), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('names a sent picture in the list', () => {
    expect(lastExcerpt(conversation({ messages: [{ id: 'm', from: 'me', text: '', imageUrl: 'https://example.com/a.jpg', at: at(1) }] }))).toBe('You: Picture');
  });

  it('heads an older day by its weekday within a week, then by its date', () => {
    const days = groupByDay([{ id: 'a', from: 'them', text: 'x', at: at(24 * 20) }, { id: 'b', from: 'them', text: 'y', at: at(24 * 3) }], now);
    expect(days[0]!.label).toMatch(/2026/);
    expect(days[1]!.label).toBe(new Intl.DateTimeFormat(undefined, { weekday: 'long' }).format(new Date(at(24 * 3))));
  });

  it('groups a thread by local day: Yesterday, then Today', () => {
    const days = groupByDay(conversation().messages, now);
    expect(days.map((d) => [d.label, d.messages.map((m) => m.id)])).toEqual([
      ['Yesterday', ['m1', 'm2']],
      ['Today', ['m3']],
    ]);
  });

  it('lets a reply go while main says the 24 hours are open, and says how long is left', () => {
    const open = replyWindow(conversation(), now);
    expect(open).toEqual({ open: true, until: conversation().canReplyUntil });
    expect(replyOpenText(conversation().canReplyUntil!, now)).toMatch(/^You can reply for 23 more hours \(until /);
  });

  it('closes the reply box with Instagram’s rule and when the window closed', () => {
    const closedAt = at(1);
    const closed = conversation({ canReply: false, canReplyUntil: closedAt });
    const window = replyWindow(closed, now);
    expect(window).toEqual({ open: false, closedAt });
    expect(replyClosedText(closed, closedAt, now)).toMatch(/within 24 hours of @lena\.travels’s last message, and that window closed 1 hour ago \(/);
  });

  it('closes the box when the window’s end passes while the screen is open', () => {
    const open = conversation();
    expect(replyWindow(open, Date.parse(open.canReplyUntil!) + 60_000)).toEqual({ open: false, closedAt: open.canReplyUntil });
  });

  it('never says a window closed at a time this clock has not reached', () => {
    // Main judged it closed on its clock; this computer's clock is behind.
    const closed = conversation({ canReply: false, canReplyUntil: new Date(now + HOUR).toISOString() });
    expect(replyWindow(closed, now)).toEqual({ open: false, closedAt: null });
    expect(replyClosedText(closed, null, now)).toMatch(/and that window has closed\./);
  });

  it('explains a conversation the person never wrote in (a private reply started it)', () => {
    const started = conversation({ canReply: false, canReplyUntil: null });
    expect(replyClosedText(started, null, now)).toMatch(/has not written to you/);
  });

  it('dates the list compactly: the time today, Yesterday, then weekday or date', () => {
    expect(listTime(at(1), now)).toMatch(/^\d\d?:\d\d/);
    expect(listTime(at(24), now)).toBe('Yesterday');
    expect(listTime(at(24 * 3), now)).not.toMatch(/\d{4}/);
    expect(listTime(at(24 * 30), now)).toMatch(/2026/);
  });
});
