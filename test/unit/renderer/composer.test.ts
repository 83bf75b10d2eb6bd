import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyForm, formProblems, placeImported, toCreateInput, toUpdateInput, withAccount, withKind } from '../../../src-renderer/features/posts/composerForm';
import { isoToLocalInput, localInputToIso, suggestedSlot } from '../../../src-renderer/lib/localTime';
import { mediaUrlProblem } from '../../../src-shared/mediaHosting';

// Caption counting and its limits are tested with the rules themselves (test/unit/core/publishingRules.test.ts).

/** What toUpdateInput needs of a saved post: a scheduled post at version 1. */
const savedPost = (id: string) => ({ id, version: 1, accountId: 'acc', status: 'scheduled' as const });

describe('media addresses', () => {
  it('https, or http on loopback for the sandbox', () => {
    expect(mediaUrlProblem('https://cdn.example/a.jpg')).toBeNull();
    expect(mediaUrlProblem('http://127.0.0.1:4000/a.jpg')).toBeNull();
    expect(mediaUrlProblem('http://cdn.example/a.jpg')).toMatch(/https/);
    expect(mediaUrlProblem('not a url')).toMatch(/not a web address/);
    expect(mediaUrlProblem('  ')).toMatch(/Paste/);
  });
});

describe('local time', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('reads the picker as the user’s wall time, daylight saving included', () => {
    expect(localInputToIso('2026-07-01T09:30')).toBe('2026-07-01T07:30:00.000Z'); // CEST, UTC+2
    expect(localInputToIso('2026-12-01T09:30')).toBe('2026-12-01T08:30:00.000Z'); // CET, UTC+1
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('2026-07-01')).toBeNull();
  });

  it('shows a stored instant back in the picker as the same wall time', () => {
    expect(isoToLocalInput('2026-07-01T07:30:00.000Z')).toBe('2026-07-01T09:30');
    expect(isoToLocalInput('nonsense')).toBe('');
  });

  it('suggests the next full hour at least half an hour away', () => {
    expect(suggestedSlot(Date.parse('2026-07-01T07:10:00Z'))).toBe('2026-07-01T10:00');
    expect(suggestedSlot(Date.parse('2026-07-01T07:40:00Z'))).toBe('2026-07-01T11:00');
  });
});

describe('composer form', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const base = { ...emptyForm({ id: 'acc-1', defaultMode: 'automatic' }, '2099-01-01T10:00'), media: [{ url: 'https://cdn.example/a.jpg' }] };

  it("a new post takes its account's default mode until the user picks one", () => {
    const manual = { id: 'acc-2', defaultMode: 'manual' as const };
    expect(emptyForm(manual, '2099-01-01T10:00').mode).toBe('manual');
    expect(withAccount(base, manual, false)).toMatchObject({ accountId: 'acc-2', mode: 'manual' });
    expect(withAccount(base, manual, true)).toMatchObject({ accountId: 'acc-2', mode: 'automatic' });
  });

  it('imported files replace an image post\'s media; in a carousel they fill empty slots, then join the end, up to 10', () => {
    expect(placeImported('image', [{ url: 'https://x/a.jpg' }], ['m1', 'm2'])).toEqual([{ mediaId: 'm1' }]);
    expect(placeImported('carousel', [{ url: 'https://x/a.jpg' }, { url: '' }], ['m1', 'm2'])).toEqual([{ url: 'https://x/a.jpg' }, { mediaId: 'm1' }, { mediaId: 'm2' }]);
    const nine = Array.from({ length: 9 }, (_, i) => ({ mediaId: `old${i}` }));
    expect(placeImported('carousel', nine, ['n1', 'n2'])).toHaveLength(10);
  });

  it("a Reel's cover goes with the post, and a photo cover must be chosen first", () => {
    const reel = { ...base, kind: 'reel' as const, reelCover: { offsetMs: 1500 } };
    expect(toCreateInput(reel, 'draft').reelCover).toEqual({ offsetMs: 1500 });
    expect(toCreateInput({ ...reel, kind: 'image' }, 'draft')).not.toHaveProperty('reelCover');
    expect(formProblems({ ...reel, reelCover: { mediaId: '' } }, 'draft', now).cover).toMatch(/Choose the cover photo/);
    expect(toUpdateInput(savedPost('p1'), { ...reel, kind: 'image' }, 'draft').reelCover).toBeNull();
  });

  it('a carousel shows 2 to 10 media fields and each must be a public address', () => {
    const carousel = withKind(base, 'carousel');
    expect(carousel.media).toHaveLength(2);
    expect(formProblems(carousel, 'publishNow', now)).toEqual({ 'media:1': expect.stringMatching(/Paste/) });
    // A draft is work in progress: an empty slot is left out, not refused.
    expect(formProblems(carousel, 'draft', now)).toEqual({});
    const eleven = { ...carousel, media: Array.from({ length: 11 }, (_, i) => ({ url: `https://x/${i}.jpg` })) };
    expect(toCreateInput(eleven, 'draft').media).toHaveLength(10);
    expect(withKind(carousel, 'image').media).toEqual([{ url: 'https://cdn.example/a.jpg' }]);
  });

  it('scheduling needs a time in the future; a draft does not', () => {
    const past = { ...base, when: '2020-01-01T10:00' };
    expect(formProblems(past, 'draft', now)).toEqual({});
    expect(formProblems(past, 'schedule', now).when).toMatch(/already passed/);
    expect(formProblems({ ...base, when: '' }, 'schedule', now).when).toMatch(/Choose/);
    expect(formProblems({ ...base, when: '2999-01-01T10:00' }, 'schedule', now).when).toMatch(/more than two years ahead/);
  });

  it('over-limit captions are refused before anything is sent', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    expect(formProblems({ ...base, caption: tags }, 'draft', now).caption).toBe('The caption has 31 hashtags; Instagram allows 30. Remove 1.');
    expect(formProblems({ ...base, firstComment: tags }, 'draft', now)).toEqual({ firstComment: 'The first comment has 31 hashtags; Instagram allows 30. Remove 1.' });
  });

  it('a draft has no time; a scheduled post carries the picked time in UTC', () => {
    expect(toCreateInput(base, 'draft')).not.toHaveProperty('scheduledAt');
    expect(toCreateInput(base, 'publishNow')).not.toHaveProperty('scheduledAt');
    expect(toCreateInput({ ...base, media: [{ url: 'https://cdn.example/a.jpg', altText: '  ' }], firstComment: ' #tags ' }, 'schedule')).toEqual({
      accountId: 'acc-1',
      kind: 'image',
      caption: '',
      media: [{ url: 'https://cdn.example/a.jpg' }],
      mode: 'automatic',
      firstComment: '#tags',
      scheduledAt: localInputToIso('2099-01-01T10:00'),
    });
  });

  it('each slide keeps its own alt text, trimmed; a Reel sends none', () => {
    const media = [
      { url: ' https://cdn.example/a.jpg ', altText: ' A loaf ' },
      { mediaId: 'm2', fit: 'pad' as const, altText: 'Crumb' },
    ];
    expect(toCreateInput({ ...base, kind: 'carousel', media }, 'draft').media).toEqual([
      { url: 'https://cdn.example/a.jpg', altText: 'A loaf' },
      { mediaId: 'm2', fit: 'pad', altText: 'Crumb' },
    ]);
    expect(toCreateInput({ ...base, kind: 'reel', media: [{ mediaId: 'v', altText: 'x' }] }, 'draft').media).toEqual([{ mediaId: 'v' }]);
  });

  it('saving an edit as a draft takes the post off the schedule', () => {
    expect(toUpdateInput(savedPost('p'), base, 'draft')).toMatchObject({ postId: 'p', scheduledAt: null, altText: null });
    expect(toUpdateInput(savedPost('p'), base, 'publishNow')).not.toHaveProperty('scheduledAt');
  });

  it('an edit says which version it changes, so a post changed meanwhile is refused rather than overwritten', () => {
    expect(toUpdateInput({ ...savedPost('p'), version: 7 }, base, 'schedule').expectedVersion).toBe(7);
  });

  it('a draft can be an idea: only a caption, no account or media; scheduling still needs both', () => {
    const idea = { ...base, accountId: '', media: [{ url: '' }], caption: 'An idea' };
    expect(formProblems(idea, 'draft', now)).toEqual({});
    expect(toCreateInput(idea, 'draft')).toEqual({ kind: 'image', caption: 'An idea', media: [], mode: 'automatic' });
    expect(formProblems(idea, 'schedule', now)).toMatchObject({ accountId: expect.any(String), 'media:0': expect.any(String) });
    // An idea takes the account chosen when it is opened again.
    expect(toUpdateInput({ ...savedPost('p'), accountId: null, status: 'draft' }, { ...idea, accountId: 'acc' }, 'draft')).toMatchObject({ accountId: 'acc', kind: 'image' });
  });
});
