import type { Conversation, DirectMessage } from '../../../src-shared/messages';
import { excerpt, formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { localDayOf } from '../../lib/week';

const HOUR = 60 * 60 * 1000;

/** Newest conversation first, as Instagram's own inbox orders them. */
export function newestFirst(conversations: readonly Conversation[]): Conversation[] {
  return [...conversations].sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt));
}

/** The list's second line: the last message, "You: " before one of the account's own, cut to fit. */
export function lastExcerpt(conversation: Conversation, max = 80): string {
  const last = conversation.messages.at(-1);
  if (!last) return 'No messages yet';
  const text = last.text.trim() ? last.text : last.imageUrl ? 'Picture' : 'Attachment';
  return excerpt(last.from === 'me' ? `You: ${text}` : text, max);
}

export type ReplyWindow = { open: true; until: string | null } | { open: false; closedAt: string | null };

/**
 * Whether a reply can go now: as main judged it when the list was read, and not past the window's end since
 * (the box closes on the minute while the screen stays open). Once closed, when it closed: only a time this
 * computer's clock has passed too, so the sentence never says "closed" of a future time.
 */
export function replyWindow(conversation: Conversation, now: number): ReplyWindow {
  const until = conversation.canReplyUntil;
  const passed = until !== null && Date.parse(until) <= now;
  if (conversation.canReply && !passed) return { open: true, until };
  return { open: false, closedAt: passed ? until : null };
}

/** Why the reply box is off, and since when, in a sentence. */
export function replyClosedText(conversation: Conversation, closedAt: string | null, now: number): string {
  const who = `@${conversation.username}`;
  if (!conversation.canReplyUntil) {
    return `${who} has not written to you in this conversation. Instagram lets you reply only within 24 hours of their last message, so you can answer once they write.`;
  }
  const since = closedAt ? `, and that window closed ${formatRelative(closedAt, now)} (${formatDateTime(closedAt)})` : ', and that window has closed';
  return `Instagram lets you reply only within 24 hours of ${who}’s last message${since}. You can reply again once they write to you.`;
}

/** While the window is open: how long is left, so a reply is not left until it is too late. */
export function replyOpenText(until: string, now: number): string {
  const hours = Math.floor((Date.parse(until) - now) / HOUR);
  const left = hours >= 1 ? `${hours} more ${hours === 1 ? 'hour' : 'hours'}` : 'less than an hour';
  return `You can reply for ${left} (until ${formatDateTime(until)}).`;
}

/** A message's time of day, the way the user's locale writes it (14:05, 2:05 PM), like the dates beside it. */
export function clockTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(iso));
}

/** The list's time: the clock time today, "Yesterday", the weekday within a week, else the date. */
export function listTime(iso: string, now: number): string {
  const day = localDayOf(iso);
  if (day === localDayOf(now)) return clockTime(iso);
  if (day === localDayOf(dayBefore(now))) return 'Yesterday';
  if (withinWeek(iso, now)) return weekday(iso, 'short');
  return formatDate(iso);
}

const withinWeek = (iso: string, now: number) => now - Date.parse(iso) < 6 * 24 * HOUR;
const weekday = (iso: string, width: 'long' | 'short') => new Intl.DateTimeFormat(undefined, { weekday: width }).format(new Date(iso));

/** The same wall time a calendar day earlier (a DST day lasts 23 or 25 hours). */
function dayBefore(now: number): Date {
  const date = new Date(now);
  date.setDate(date.getDate() - 1);
  return date;
}

export interface MessageDay {
  /** The local day, 'YYYY-MM-DD'. */
  day: string;
  label: string;
  messages: DirectMessage[];
}

/** A thread's messages (oldest first) under one heading per local day: Today, Yesterday, the weekday within a week, then the date. */
export function groupByDay(messages: readonly DirectMessage[], now: number): MessageDay[] {
  const today = localDayOf(now);
  const yesterday = localDayOf(dayBefore(now));
  const days: MessageDay[] = [];
  for (const message of messages) {
    const day = localDayOf(message.at) ?? '';
    const last = days.at(-1);
    if (last && last.day === day) {
      last.messages.push(message);
      continue;
    }
    const label = day === today ? 'Today' : day === yesterday ? 'Yesterday' : withinWeek(message.at, now) ? weekday(message.at, 'long') : formatDate(message.at);
    days.push({ day, label, messages: [message] });
  }
  return days;
}
