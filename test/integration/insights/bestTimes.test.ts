import { describe, expect, it } from 'vitest';
import type { Audience, BestTimes } from '../../../src-shared/insights';
import type { Account } from '../../../src-shared/models';
import { DAY } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { slotAt } from '../../../src-main/insights/bestTimes';
import type { Harness } from '../../helpers/harness';
import { connectedWithOwnSandbox } from '../../helpers/ownSandbox';

/** Best time to post and the audience, from the sandbox's online followers, demographics and the account's own media. */
const connectWithOwnSandbox = connectedWithOwnSandbox();

/** On 1 January 2026 the sandbox's follower counts are what its people were given (they drift from then on). */
const NEW_YEAR = Date.UTC(2026, 0, 1, 9);

async function connected(outside: number, person: { username: string; followersCount: number } = { username: 'maya.makes', followersCount: 12_840 }): Promise<{ h: Harness; account: Account }> {
  return connectWithOwnSandbox({
    clock: new ManualClock(NEW_YEAR),
    outside,
    username: person.username,
    prepare: (sandbox) => {
      if (sandbox.world.people().some((p) => p.username === person.username)) return;
      const added = sandbox.world.addPerson({ username: person.username, accountType: 'BUSINESS', tester: true, followersCount: person.followersCount });
      for (let i = 0; i < outside; i++) sandbox.world.publishing.addOutside({ igUserId: added.igUserId, kind: 'IMAGE', caption: `#${i}`, timestamp: NEW_YEAR - (i + 1) * 29 * 3_600_000 });
    },
  });
}

const SMALL = { username: 'tiny.kiln', followersCount: 40 };

describe('insights.bestTimes', () => {
  it('with 100+ followers and 10+ own posts it uses both, scores the week in the local zone and suggests the three best coming hours', async () => {
    const { h, account } = await connected(12);
    const best = await h.value<BestTimes>('insights.bestTimes', { accountId: account.id });
    expect(best.sources).toEqual(['online_followers', 'history']);
    expect(best.note).toBeUndefined();
    expect(best.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(best.slots).toHaveLength(168);
    const top = Math.max(...best.slots.map((slot) => slot.score));
    expect(top).toBeGreaterThan(0);
    expect(best.suggestions).toHaveLength(3);
    const score = (iso: string) => {
      const { weekday, hour } = slotAt(Date.parse(iso), best.timeZone);
      return best.slots.find((slot) => slot.weekday === weekday && slot.hour === hour)!.score;
    };
    // Every slot of the week comes up within seven days, so the first suggestion is the week's best.
    expect(score(best.suggestions[0]!)).toBe(top);
    expect(best.suggestions.map(score)).toEqual([...best.suggestions.map(score)].sort((a, b) => b - a));
    for (const iso of best.suggestions) expect(Date.parse(iso)).toBeGreaterThan(h.clock.now());
    for (const iso of best.suggestions) expect(Date.parse(iso)).toBeLessThanOrEqual(h.clock.now() + 7 * DAY);
  });

  it('under 100 followers Instagram gives no online followers: it says so and uses the account’s own posts', async () => {
    const { h, account } = await connected(12, SMALL);
    const best = await h.value<BestTimes>('insights.bestTimes', { accountId: account.id });
    expect(best.sources).toEqual(['history']);
    expect(best.note).toMatch(/only to accounts with 100 or more followers; this one has \d+\. These times come from the reach of your own posts\./);
    expect(best.suggestions).toHaveLength(3);
  });

  it('with under 10 own posts it says so and uses when followers are online', async () => {
    const { h, account } = await connected(3);
    const best = await h.value<BestTimes>('insights.bestTimes', { accountId: account.id });
    expect(best.sources).toEqual(['online_followers']);
    expect(best.note).toBe("Only 3 of the account's posts have reach figures; its own history counts from 10. These times come from when followers are online.");
  });
});

describe('insights.audience', () => {
  it('age and gender, cities and countries, largest first', async () => {
    const { h, account } = await connected(0);
    const audience = await h.value<Audience>('insights.audience', { accountId: account.id });
    expect(audience.note).toBeUndefined();
    expect(audience.fetchedAt).toBe(new Date(h.clock.now()).toISOString());
    expect(audience.ageGender[0]).toEqual({ age: expect.stringMatching(/^\d/), gender: expect.stringMatching(/^[FMU]$/), value: expect.any(Number) });
    expect(audience.cities.length).toBeGreaterThan(0);
    expect(audience.countries[0]).toEqual({ code: expect.stringMatching(/^[A-Z]{2}$/), value: expect.any(Number) });
    const values = audience.countries.map((country) => country.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('under 100 followers Instagram withholds them, and the note says the rule plainly', async () => {
    const { h, account } = await connected(0, SMALL);
    const audience = await h.value<Audience>('insights.audience', { accountId: account.id });
    expect(audience).toMatchObject({ ageGender: [], cities: [], countries: [] });
    expect(audience.note).toMatch(/^Instagram shows who your followers are only for accounts with at least 100 followers; this one has \d+\.$/);
  });
});
