import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import { MINUTE } from '../../../src-main/config/clock';
import { connectAs, consent, startHarness, type Harness } from '../../helpers/harness';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

const list = () => harness.value<Account[]>('accounts.list');

function finishedEvents() {
  return harness.events.filter((event) => event.name === 'connect.finished').map((event) => event.payload as { ok: boolean; error?: { code: string; detail?: string; action?: string } });
}

describe('connecting an account', () => {
  it('connects a Creator and a Business account side by side', async () => {
    const creator = await connectAs(harness, { username: 'maya.makes' });
    const business = await connectAs(harness, { username: 'northside.bakery' });
    expect(creator.ok && creator.value.accountType).toBe('MEDIA_CREATOR');
    expect(business.ok && business.value.accountType).toBe('BUSINESS');
    const accounts = await list();
    expect(accounts.map((account) => account.username)).toEqual(['maya.makes', 'northside.bakery']);
    const [maya] = accounts;
    expect(maya!.igUserId).toMatch(/^1784\d+$/);
    expect(maya!.scopes).toEqual([
      'instagram_business_basic',
      'instagram_business_content_publish',
      'instagram_business_manage_insights',
      'instagram_business_manage_comments',
    ]);
    expect(maya!.health.state).toBe('healthy');
    const expiresInDays = (Date.parse(maya!.tokenExpiresAt) - harness.clock.now()) / (24 * 60 * MINUTE);
    expect(expiresInDays).toBeCloseTo(60, 0);
    expect(maya!.consentAt).toBe(new Date(harness.clock.now()).toISOString());
    expect(finishedEvents().map((event) => event.ok)).toEqual([true, true]);
  });

  it.each(['flat', 'data'] as const)(
    'keeps an Instagram user id larger than 2^53 exactly, sent as a JSON number in the %s token answer',
    async (tokenResponseShape) => {
      // Odd and far past 2^53: a parse through a double lands on another id, which /me's string does not match.
      const igUserId = '17841499999999999';
      expect(String(Number(igUserId))).not.toBe(igUserId);
      harness.sandbox.world.addPerson({ username: 'big.id', accountType: 'MEDIA_CREATOR', tester: true, igUserId });
      harness.sandbox.world.setResponseOptions({ tokenResponseShape });
      const result = await connectAs(harness, { username: 'big.id' });
      expect(result.ok ? result.value.igUserId : result.error).toBe(igUserId);
      expect((await list()).map((account) => account.igUserId)).toEqual([igUserId]);
    },
  );

  it('connecting the same Instagram user again updates its row instead of duplicating it', async () => {
    const first = await connectAs(harness, { username: 'maya.makes' });
    harness.clock.advance(3 * MINUTE);
    const second = await connectAs(harness, { username: 'maya.makes' });
    expect(first.ok && second.ok).toBe(true);
    const accounts = await list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.id).toBe(first.ok ? first.value.id : '');
    expect(accounts[0]!.consentAt).toBe(new Date(harness.clock.now()).toISOString());
  });

  it('reconnect of the same user keeps the account id; a different user is refused with account_mismatch', async () => {
    const first = await connectAs(harness, { username: 'maya.makes' });
    const id = first.ok ? first.value.id : '';
    const again = await connectAs(harness, { username: 'maya.makes' }, { accountId: id });
    expect(again.ok && again.value.id).toBe(id);
    const other = await connectAs(harness, { username: 'northside.bakery' }, { accountId: id });
    expect(other.ok ? null : other.error.code).toBe('account_mismatch');
    expect((await list()).map((account) => account.username)).toEqual(['maya.makes']);
  });

  it('survives a restart of the app', async () => {
    await connectAs(harness, { username: 'maya.makes' });
    await connectAs(harness, { username: 'northside.bakery' });
    await harness.restart();
    expect((await list()).map((account) => account.username)).toEqual(['maya.makes', 'northside.bakery']);
  });
});

describe('refusals store nothing and say why', () => {
  async function expectRefusal(code: string, run: () => Promise<unknown>) {
    await run();
    expect(await list()).toEqual([]);
    const last = finishedEvents().at(-1);
    expect(last?.ok).toBe(false);
    expect(last?.error?.code).toBe(code);
    return last!.error!;
  }

  it('a Personal account: instagram_no_business_account', async () => {
    const error = await expectRefusal('instagram_no_business_account', () => connectAs(harness, { username: 'sam.personal' }));
    expect(error).toMatchObject({ message: expect.stringContaining('Personal'), action: expect.stringContaining('professional') });
  });

  it('unticked permissions: scope_rejected naming them', async () => {
    const error = await expectRefusal('scope_rejected', () =>
      connectAs(harness, { username: 'maya.makes', untick: ['instagram_business_content_publish', 'instagram_business_manage_insights'] }),
    );
    expect(error.detail).toBe('Not granted: Publish content, Insights.');
  });

  it('a link older than 10 minutes: state_expired', async () => {
    await expectRefusal('state_expired', async () => {
      const { authorizeUrl } = await harness.value<{ authorizeUrl: string }>('accounts.connect');
      const callback = await consent(authorizeUrl, { username: 'maya.makes' });
      harness.clock.advance(10 * MINUTE + 1);
      return harness.app.handleOAuthCallback(callback);
    });
  });

  it('network failure during the exchange: network_error', async () => {
    await expectRefusal('network_error', async () => {
      const { authorizeUrl } = await harness.value<{ authorizeUrl: string }>('accounts.connect');
      const callback = await consent(authorizeUrl, { username: 'maya.makes' });
      harness.sandbox.world.addFault({ kind: 'reset', match: { pathPrefix: '/oauth/access_token' }, count: 1 });
      return harness.app.handleOAuthCallback(callback);
    });
  });

  it('Instagram down (503) during the profile fetch: network_error', async () => {
    await expectRefusal('network_error', async () => {
      const { authorizeUrl } = await harness.value<{ authorizeUrl: string }>('accounts.connect');
      const callback = await consent(authorizeUrl, { username: 'maya.makes' });
      harness.sandbox.world.addFault({ kind: 'status', status: 503, match: { pathPrefix: '/v' }, count: 1 });
      return harness.app.handleOAuthCallback(callback);
    });
  });

  it('someone who is not a tester of a development-mode app: not_a_tester', async () => {
    const error = await expectRefusal('not_a_tester', () => connectAs(harness, { username: 'outsider.studio' }));
    expect(error.action).toContain('Tester invites');
  });

  it('Cancel on the consent page: cancelled', async () => {
    await expectRefusal('cancelled', () => connectAs(harness, { username: 'maya.makes', decision: 'cancel' }));
  });

  it('the user closing the popup: cancelled', async () => {
    await expectRefusal('cancelled', async () => {
      const { attemptId } = await harness.value<{ attemptId: string }>('accounts.connect');
      return harness.value('accounts.cancelConnect', { attemptId });
    });
  });
});
