import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../src-renderer/bridge';
import { createMessagesStore } from '../../../src-renderer/features/messages/store';
import { appError } from '../../../src-shared/errors';
import type { Conversation } from '../../../src-shared/messages';
import type { Account } from '../../../src-shared/models';

const conversation = (id: string, lastMessageAt: string, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  accountId: extra.accountId ?? 'a1',
  username: `person.${id}`,
  pictureUrl: null,
  lastMessageAt,
  unread: true,
  canReplyUntil: '2026-11-21T10:00:00.000Z',
  canReply: true,
  messages: [{ id: `${id}-1`, from: 'them', text: 'Hi', at: lastMessageAt }],
  ...extra,
});

function setup(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: Array<[string, unknown]> = [];
  const bridge = {
    invoke: (async (channel: string, input: Record<string, unknown>) => {
      calls.push([channel, input]);
      return answers[channel]?.(input) ?? { ok: true, value: {} };
    }) as Bridge['invoke'],
    on: () => () => {},
  } as unknown as Bridge;
  const accounts = [
    { id: 'a1', messagesEnabled: true },
    { id: 'a2', messagesEnabled: true },
    { id: 'a3', messagesEnabled: false },
  ] as Account[];
  return { store: createMessagesStore(bridge, () => accounts), calls };
}

describe('the messages store', () => {
  it('reads every account with messages on, never one with them off, and lists all newest first', async () => {
    const { store, calls } = setup({
      'messages.list': ({ accountId }) => ({
        ok: true,
        value: accountId === 'a1' ? [conversation('old', '2026-11-19T08:00:00.000Z')] : [conversation('new', '2026-11-20T08:00:00.000Z', { accountId: 'a2' })],
      }),
    });
    await store.getState().load();
    expect(calls.map(([, input]) => input)).toEqual([{ accountId: 'a1' }, { accountId: 'a2' }]);
    expect(store.getState().conversations?.map((c) => c.id)).toEqual(['new', 'old']);
  });

  it('a check that Instagram refused says so, while the stored conversations still show', async () => {
    const { store } = setup({
      'messages.refresh': () => ({ ok: false, error: appError('network_error', 'Instagram could not be reached.') }),
      'messages.list': ({ accountId }) => ({ ok: true, value: accountId === 'a1' ? [conversation('c1', '2026-11-20T08:00:00.000Z')] : [] }),
    });
    await store.getState().refresh();
    expect(store.getState().conversations?.map((c) => c.id)).toEqual(['c1']);
    expect(store.getState().listError?.code).toBe('network_error');
  });

  it('opening an unread conversation marks it read, once', async () => {
    const { store, calls } = setup({ 'messages.list': () => ({ ok: true, value: [conversation('c1', '2026-11-20T08:00:00.000Z')] }), 'messages.unreadCount': () => ({ ok: true, value: { unread: 1 } }) });
    await store.getState().load();
    await store.getState().loadUnread();
    store.getState().open('c1');
    store.getState().open('c1');
    expect(calls.filter(([channel]) => channel === 'messages.markRead')).toEqual([['messages.markRead', { conversationId: 'c1' }]]);
    expect(store.getState()).toMatchObject({ openId: 'c1', unread: 0 });
    expect(store.getState().conversations?.[0]?.unread).toBe(false);
  });

  it('a sent reply joins its conversation and empties the draft', async () => {
    const first = conversation('c1', '2026-11-20T08:00:00.000Z');
    const withReply: Conversation = { ...first, lastMessageAt: '2026-11-20T09:00:00.000Z', messages: [...first.messages, { id: 'r', from: 'me', text: 'Hello!', at: '2026-11-20T09:00:00.000Z' }] };
    const { store } = setup({ 'messages.list': () => ({ ok: true, value: [first] }), 'messages.send': () => ({ ok: true, value: withReply }) });
    await store.getState().load();
    store.getState().setDraft('c1', 'Hello!');
    const sent = await store.getState().send(first, { text: 'Hello!' });
    expect(sent.ok).toBe(true);
    expect(store.getState().drafts).toEqual({});
    expect(store.getState().conversations?.[0]?.messages.at(-1)?.text).toBe('Hello!');
  });

  it('a reply Instagram refused for the closed window keeps its draft, and the conversation main now holds closed is read before the answer', async () => {
    const first = conversation('c1', '2026-11-20T08:00:00.000Z');
    let listed = first;
    const { store } = setup({
      'messages.list': ({ accountId }) => ({ ok: true, value: accountId === 'a1' ? [listed] : [] }),
      'messages.send': () => {
        // Main remembers Instagram's refusal before answering.
        listed = { ...first, canReply: false, canReplyUntil: '2026-11-20T09:00:00.000Z' };
        return { ok: false, error: appError('reply_window_closed') };
      },
    });
    await store.getState().load();
    store.getState().setDraft('c1', 'Too late?');
    const sent = await store.getState().send(first, { text: 'Too late?' });
    expect(sent.ok).toBe(false);
    expect(store.getState().conversations?.[0]).toMatchObject({ canReply: false, canReplyUntil: '2026-11-20T09:00:00.000Z' });
    expect(store.getState().drafts).toEqual({ c1: 'Too late?' });
  });
});
