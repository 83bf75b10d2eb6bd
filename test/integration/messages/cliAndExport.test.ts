import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src-shared/errors';
import type { Conversation } from '../../../src-shared/messages';
import type { Account } from '../../../src-shared/models';
import { cli, cliWorkspace } from '../../helpers/cli';
import { connectAs, consent, type Harness } from '../../helpers/harness';

const PASSPHRASE = 'correct horse battery';
const workspace = cliWorkspace('postdeck-messages-');

/** maya.makes connected, messages turned on and polled once. */
async function withMessages(h: Harness): Promise<Account> {
  const connected = await connectAs(h, { username: 'maya.makes' });
  if (!connected.ok) throw new Error(connected.error.code);
  const started = await h.value<{ authorizeUrl: string }>('accounts.enableMessages', { accountId: connected.value.id });
  const enabled = (await h.app.handleOAuthCallback(await consent(started.authorizeUrl, { username: 'maya.makes' }))) as Result<Account>;
  if (!enabled.ok) throw new Error(enabled.error.code);
  await h.value('messages.refresh', { accountId: enabled.value.id });
  return enabled.value;
}

describe('postdeck messages', () => {
  it('lists conversations over the owner’s handler table and replies in one, within Instagram’s window', async () => {
    const h = await workspace.owner();
    const account = await withMessages(h);

    const listed = await cli(h.dataDir, 'messages', '--json');
    expect(listed.code).toBe(0);
    const conversations = JSON.parse(listed.stdout) as Conversation[];
    expect(conversations.map((c) => c.username)).toEqual(['mara.draws', 'tom_outdoors']);
    const table = await cli(h.dataDir, 'messages', '--unread');
    expect(table.stdout).toMatch(/@maya\.makes\s+@mara\.draws\s+unread/);
    expect(table.stdout).toContain('Something like your last post, but in blue tones');

    const [mara, tom] = conversations;
    const replied = await cli(h.dataDir, 'messages', 'reply', mara!.id, '--text', 'Yes, happy to!');
    expect(replied).toMatchObject({ code: 0, stdout: 'Replied to @mara.draws as @maya.makes.\n' });
    expect(workspace.sandbox.world.messaging.conversation(mara!.id)!.messages.at(-1)).toMatchObject({ fromBusiness: true, text: 'Yes, happy to!' });
    const picture = 'https://images.example.com/lookbook/spring.jpg';
    expect(await cli(h.dataDir, 'messages', 'reply', mara!.id, '--image', picture)).toMatchObject({ code: 0 });
    expect(workspace.sandbox.world.messaging.conversation(mara!.id)!.messages.at(-1)).toMatchObject({ fromBusiness: true, imageUrl: picture });
    expect(await cli(h.dataDir, 'messages', 'reply', mara!.id, '--text', 'Both', '--image', picture)).toMatchObject({ code: 2 });
    const closed = await cli(h.dataDir, 'messages', 'reply', tom!.id, '--text', 'Sorry, late');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toContain('reply_window_closed');
    expect(await cli(h.dataDir, 'messages', 'reply', mara!.id)).toMatchObject({ code: 2 });

    await h.value('accounts.disableMessages', { accountId: account.id });
    expect((await cli(h.dataDir, 'messages')).stderr).toContain('messages_not_enabled');
  });
});

describe('export', () => {
  it('leaves direct messages out unless asked, and carries them with includeMessages', async () => {
    const source = await workspace.harness();
    const account = await withMessages(source);
    const [open] = await source.value<Conversation[]>('messages.list', { accountId: account.id });
    await source.value('messages.send', { accountId: account.id, conversationId: open!.id, imageUrl: 'https://cdn.example.com/loaf.jpg' });
    const plain = join(workspace.dir, 'plain.pdx');
    const withThem = join(workspace.dir, 'with-messages.pdx');
    expect(await source.value('data.export', { path: plain, passphrase: PASSPHRASE })).toMatchObject({ accounts: 1, messages: 0 });
    expect(await source.value('data.export', { path: withThem, passphrase: PASSPHRASE, includeMessages: true })).toMatchObject({ accounts: 1, messages: 4 });

    const target = await workspace.harness();
    expect(await target.value('data.import', { path: plain, passphrase: PASSPHRASE })).toMatchObject({ accounts: { added: 1 }, messages: 0 });
    const [moved] = await target.value<Account[]>('accounts.list');
    expect(moved).toMatchObject({ username: 'maya.makes', messagesEnabled: true });
    expect(await target.value('messages.list', { accountId: moved!.id })).toEqual([]);

    expect(await target.value('data.import', { path: withThem, passphrase: PASSPHRASE })).toMatchObject({ accounts: { updated: 1 }, messages: 4 });
    const conversations = await target.value<Conversation[]>('messages.list', { accountId: moved!.id });
    expect(conversations.map((c) => [c.username, c.messages.length]).sort()).toEqual([
      ['mara.draws', open!.username === 'mara.draws' ? 3 : 2],
      ['tom_outdoors', open!.username === 'tom_outdoors' ? 2 : 1],
    ]);
    // A picture sent by link comes back as that picture, not as an empty text.
    expect(conversations.flatMap((c) => c.messages).find((m) => m.from === 'me')).toMatchObject({ text: '', imageUrl: 'https://cdn.example.com/loaf.jpg' });
  });
});
