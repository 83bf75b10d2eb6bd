/**
 * Messages that arrive over time (sandbox clock) in every account's inbox, so Messages has something to poll.
 * They begin the first time the account's conversations are read: one person wrote 30 hours before (the reply
 * window has closed), another 2 hours before (it is open), then others write minutes, hours and days later.
 * Each is written into the store once its time has come, with the same id on every run.
 */
import { HOUR, MINUTE } from '../../config/clock';
import { COMMENTERS } from '../comments/seed';
import type { MessagingStore } from './store';

/** One incoming message: when after the inbox was first read (negative: before), from whom, what. */
const SEEDED_MESSAGES: ReadonlyArray<{ afterMs: number; from: number; text: string }> = [
  { afterMs: -30 * HOUR, from: 1, text: 'Hi! Are you open to brand collaborations this spring?' },
  { afterMs: -2 * HOUR, from: 0, text: 'Hey! Do you take commissions? 😊' },
  { afterMs: -90 * MINUTE, from: 0, text: 'Something like your last post, but in blue tones' },
  { afterMs: 15 * MINUTE, from: 2, text: 'Tried your recipe last night, it worked perfectly. Thank you!' },
  { afterMs: 3 * HOUR, from: 3, text: 'Where can I buy a print of the harbour photo?' },
  { afterMs: 50 * HOUR, from: 0, text: 'Any news on the commission?' },
];

export function deliverSeededMessages(store: MessagingStore, businessId: string, now: number): void {
  const start = store.seedStart(businessId, now);
  SEEDED_MESSAGES.forEach((seed, index) => {
    const id = Buffer.from(`ig_message:seed:${businessId}:${index}`, 'utf8').toString('base64url');
    if (start + seed.afterMs > now || store.message(id)) return;
    const person = COMMENTERS[seed.from]!;
    const conversation = store.conversationWith(businessId, { id: person.igUserId, username: person.username });
    store.addMessage(conversation, { id, fromBusiness: false, text: seed.text, createdAt: start + seed.afterMs });
  });
}
