import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { PAUSE_PROBE_MS, SLOW_SPACING_MS, UsageGovernor } from '../../../src-main/ratelimit/governor';

const ACCOUNT = { igUserId: '17841400000000001', username: 'maya.makes' };

function governor() {
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  const gov = new UsageGovernor({ clock, timers: clock, account: (id) => (id === 'a' ? ACCOUNT : null), accountIds: () => ['a'] });
  return { clock, gov };
}

describe('the rate-limit governor', () => {
  it('lets background work go at once below 75 %', () => {
    const { gov } = governor();
    gov.record({ appPercent: 40, business: [{ id: ACCOUNT.igUserId, percent: 70, regainAccessMinutes: null }] });
    expect(gov.notBefore('a')).toBeNull();
    expect(gov.view()).toMatchObject({ appPercent: 40, background: 'running', accounts: [{ accountId: 'a', username: 'maya.makes', percent: 70 }] });
  });

  it('above 75 % spaces one account’s background jobs apart', async () => {
    const { clock, gov } = governor();
    gov.record({ appPercent: 80, business: [] });
    await gov.admit('a');
    expect(gov.notBefore('a')).toBe(clock.now() + SLOW_SPACING_MS);
    expect(gov.view().background).toBe('slowed');
  });

  it('above 90 % pauses until Instagram’s estimated time to regain access', () => {
    const { clock, gov } = governor();
    gov.record({ appPercent: 10, business: [{ id: ACCOUNT.igUserId, percent: 95, regainAccessMinutes: 42 }] });
    expect(gov.paused('a')).toBe(true);
    expect(gov.notBefore('a')).toBe(clock.now() + 42 * MINUTE);
    expect(gov.view().accounts[0]!.regainAt).toBe(new Date(clock.now() + 42 * MINUTE).toISOString());
  });

  it('above 90 % with no estimate, tries one request after a while to read the usage again', () => {
    const { clock, gov } = governor();
    gov.record({ appPercent: 96, business: [] });
    expect(gov.notBefore('a')).toBe(clock.now() + PAUSE_PROBE_MS);
    clock.advance(PAUSE_PROBE_MS);
    expect(gov.paused('a')).toBe(false);
  });

  it('a lower reading lifts the pause at once', () => {
    const { gov } = governor();
    gov.record({ appPercent: 96, business: [] });
    gov.record({ appPercent: 20, business: [] });
    expect(gov.notBefore('a')).toBeNull();
  });

  it('an hour-old reading no longer counts', () => {
    const { clock, gov } = governor();
    gov.record({ appPercent: 80, business: [] });
    clock.advance(61 * MINUTE);
    expect(gov.view()).toMatchObject({ appPercent: null, background: 'running' });
  });
});
