import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../src-main/config/clock';
import { CALLBACK_URL, consent, startHarness, type Harness } from '../../helpers/harness';
import { countRows } from '../../helpers/inspect';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  harness.events.length = 0;
});

/** A fresh attempt: its state, and the honest callback a person would produce for it. */
async function freshAttempt(username = 'maya.makes') {
  const { attemptId, authorizeUrl } = await harness.value<{ attemptId: string; authorizeUrl: string }>('accounts.connect');
  const state = new URL(authorizeUrl).searchParams.get('state')!;
  const callback = await consent(authorizeUrl, { username });
  const code = new URL(callback).searchParams.get('code')!;
  return { attemptId, state, callback, code };
}

const callback = (query: string, path = '/oauth/instagram/callback') => `${new URL(CALLBACK_URL).origin}${path}?${query}`;
const fakeState = 'A'.repeat(43);

const cases: Array<[string, () => Promise<{ url: string }>]> = [
  ['an unknown state', async () => ({ url: callback(`code=${'c'.repeat(40)}&state=${fakeState}`) })],
  ['a missing state', async () => ({ url: callback(`code=${(await freshAttempt()).code}`) })],
  ['a malformed state', async () => ({ url: callback(`code=abcdefghij&state=${encodeURIComponent('<script>alert(1)</script>')}`) })],
  ['an oversized state', async () => ({ url: callback(`code=abcdefghij&state=${'s'.repeat(5000)}`) })],
  ['an oversized code', async () => {
    const { state } = await freshAttempt();
    return { url: callback(`code=${'c'.repeat(4000)}&state=${state}`) };
  }],
  ['an oversized URL', async () => ({ url: callback(`code=abc&state=${fakeState}&error_description=${'x'.repeat(10_000)}`) })],
  ['a missing code', async () => ({ url: callback(`state=${(await freshAttempt()).state}`) })],
  ['an empty code', async () => ({ url: callback(`code=&state=${(await freshAttempt()).state}`) })],
  ['a code with markup in it', async () => ({ url: callback(`code=${encodeURIComponent('"><img src=x>')}&state=${(await freshAttempt()).state}`) })],
  ['a forged code with a real state', async () => ({ url: callback(`code=${'Z'.repeat(60)}&state=${(await freshAttempt()).state}`) })],
  ['a duplicated state', async () => {
    const { state, code } = await freshAttempt();
    return { url: callback(`code=${code}&state=${state}&state=${fakeState}`) };
  }],
  ['a duplicated code', async () => {
    const { state, code } = await freshAttempt();
    return { url: callback(`code=${code}&code=${code}&state=${state}`) };
  }],
  ['error plus code', async () => {
    const { state, code } = await freshAttempt();
    return { url: callback(`code=${code}&error=access_denied&state=${state}`) };
  }],
  ['an error other than access_denied', async () => ({ url: callback(`error=server_error&state=${(await freshAttempt()).state}`) })],
  ['an unexpected parameter', async () => {
    const { state, code } = await freshAttempt();
    return { url: callback(`code=${code}&state=${state}&redirect=https://evil.example`) };
  }],
  ['a callback to a different path', async () => {
    const { state, code } = await freshAttempt();
    return { url: callback(`code=${code}&state=${state}`, '/oauth/instagram/callback/../other') };
  }],
  ['a callback to another origin', async () => {
    const { state, code } = await freshAttempt();
    return { url: `http://127.0.0.1:10/oauth/instagram/callback?code=${code}&state=${state}` };
  }],
  ['a URL that does not parse', async () => ({ url: 'http://[::1' })],
  ['a javascript: URL', async () => ({ url: `javascript:alert(1)//?code=abc&state=${fakeState}` })],
  ['an expired state', async () => {
    const { callback: honest } = await freshAttempt();
    harness.clock.advance(11 * MINUTE);
    return { url: honest };
  }],
  ['a state from a cancelled attempt', async () => {
    const { attemptId, callback: honest } = await freshAttempt();
    await harness.value('accounts.cancelConnect', { attemptId });
    return { url: honest };
  }],
  ['a replayed code under a new state', async () => {
    const first = await freshAttempt();
    await harness.app.handleOAuthCallback(first.callback);
    const { state } = await freshAttempt();
    // The first callback connected the account; remove it so "nothing stored" is measurable again.
    for (const account of await harness.value<{ id: string }[]>('accounts.list')) await harness.value('accounts.disconnect', { accountId: account.id });
    return { url: callback(`code=${first.code}&state=${state}`) };
  }],
];

describe('hostile callbacks are rejected and store nothing', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', async (_name, build) => {
    const { url } = await build();
    const before = countRows(harness.dataDir);
    const result = await harness.app.handleOAuthCallback(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['invalid_callback', 'state_expired', 'cancelled']).toContain(result.error.code);
    expect(countRows(harness.dataDir)).toEqual(before);
    expect(before).toEqual({ accounts: 0, secrets: 0 });
  });

  it('a replayed callback after a successful connect changes nothing', async () => {
    const first = await freshAttempt('northside.bakery');
    const connected = await harness.app.handleOAuthCallback(first.callback);
    expect(connected.ok).toBe(true);
    const [account] = await harness.value<{ id: string; consentAt: string }[]>('accounts.list');
    harness.clock.advance(MINUTE);
    const replay = await harness.app.handleOAuthCallback(first.callback);
    expect(replay.ok ? null : replay.error.code).toBe('invalid_callback');
    expect(await harness.value('accounts.list')).toEqual([expect.objectContaining({ id: account!.id, consentAt: account!.consentAt })]);
    await harness.value('accounts.disconnect', { accountId: account!.id });
  });
});

