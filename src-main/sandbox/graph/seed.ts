/** The people every fresh (or reset) sandbox starts with. Ids are fixed so tests and docs can name them. */
import type { NewPerson } from '../types';

export const SEEDED_PEOPLE: readonly Required<NewPerson>[] = [
  {
    username: 'maya.makes',
    name: 'Maya Makes',
    accountType: 'MEDIA_CREATOR',
    tester: true,
    // 17841400000000001 > Number.MAX_SAFE_INTEGER and odd: a lossy JSON.parse turns it into …000.
    igUserId: '17841400000000001',
    id: '2600000000000011',
    followersCount: 12840,
    followsCount: 311,
    mediaCount: 428,
  },
  {
    username: 'northside.bakery',
    name: 'Northside Bakery',
    accountType: 'BUSINESS',
    tester: true,
    igUserId: '17841455512345679',
    id: '2600000000000022',
    followersCount: 2315,
    followsCount: 87,
    mediaCount: 164,
  },
  {
    username: 'sam.personal',
    name: 'Sam Rivera',
    accountType: 'PERSONAL',
    tester: true,
    igUserId: '17841466600000003',
    id: '2600000000000033',
    followersCount: 240,
    followsCount: 512,
    mediaCount: 37,
  },
  {
    username: 'outsider.studio',
    name: 'Outsider Studio',
    accountType: 'BUSINESS',
    tester: false,
    igUserId: '17841477700000005',
    id: '2600000000000044',
    followersCount: 9120,
    followsCount: 140,
    mediaCount: 512,
  },
];
