import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyForm, formProblems, toCreateInput, toUpdateInput, withKind } from '../../../src-renderer/features/posts/composerForm';
import { isoToLocalInput, localInputToIso, suggestedSlot } from '../../../src-renderer/lib/localTime';
import { CAPTION_LIMITS, captionProblems, countCaption, mediaUrlProblem } from '../../../src-shared/postLimits';

describe('caption counters', () => {
  it('counts characters by code point, so an emoji is one', () => {
    expect(countCaption('Hello 👋🏽').characters).toBe(8);
    expect(countCaption('').characters).toBe(0);
  });

  it('counts hashtags and @-mentions that start a word, not emails or a#b', () => {
    const counts = countCaption('New drop! #spring #Été_2026 a#b @maya.makes and @studio_9, mail me@example.com #');
    expect(counts.hashtags).toBe(2);
    expect(counts.mentions).toBe(2);
  });

  it('warns above 5 hashtags and refuses above 30', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ');
    expect(captionProblems(countCaption(tags(5)))).toEqual([]);
    expect(captionProblems(countCaption(tags(6)))).toEqual([{ level: 'warning', text: expect.stringContaining('6 hashtags') }]);
    expect(captionProblems(countCaption(tags(31)))).toEqual([{ level: 'error', text: '31 hashtags: Instagram allows 30.' }]);
  });

  it('refuses more than 2,200 characters and more than 20 mentions', () => {
    expect(captionProblems(countCaption('a'.repeat(CAPTION_LIMITS.characters)))).toEqual([]);
    expect(captionProblems(countCaption('a'.repeat(2205)))).toEqual([
      { level: 'error', text: '5 characters too long: Instagram allows 2,200.' },
    ]);
    const mentions = Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ');
    expect(captionProblems(countCaption(mentions))).toEqual([{ level: 'error', text: '21 mentions: Instagram allows 20.' }]);
  });

  it('media addresses: https, or http on loopback for the sandbox', () => {
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
  const base = { ...emptyForm('acc-1', '2099-01-01T10:00'), media: [{ url: 'https://cdn.example/a.jpg' }] };

  it('a carousel shows 2 to 10 media fields and each must be a public address', () => {
    const carousel = withKind(base, 'carousel');
    expect(carousel.media).toHaveLength(2);
    expect(formProblems(carousel, 'draft', now)).toEqual({ 'media:1': expect.stringMatching(/Paste/) });
    const eleven = { ...carousel, media: Array.from({ length: 11 }, (_, i) => ({ url: `https://x/${i}.jpg` })) };
    expect(toCreateInput(eleven, 'draft').media).toHaveLength(10);
    expect(withKind(carousel, 'image').media).toEqual([{ url: 'https://cdn.example/a.jpg' }]);
  });

  it('scheduling needs a time in the future; a draft does not', () => {
    const past = { ...base, when: '2020-01-01T10:00' };
    expect(formProblems(past, 'draft', now)).toEqual({});
    expect(formProblems(past, 'schedule', now).when).toMatch(/already passed/);
    expect(formProblems({ ...base, when: '' }, 'schedule', now).when).toMatch(/Choose/);
  });

  it('over-limit captions are refused before anything is sent', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    expect(formProblems({ ...base, caption: tags }, 'draft', now).caption).toBe('31 hashtags: Instagram allows 30.');
  });

  it('a draft has no time; a scheduled post carries the picked time in UTC', () => {
    expect(toCreateInput(base, 'draft')).not.toHaveProperty('scheduledAt');
    expect(toCreateInput(base, 'publishNow')).not.toHaveProperty('scheduledAt');
    expect(toCreateInput({ ...base, altText: '  ', firstComment: ' #tags ' }, 'schedule')).toEqual({
      accountId: 'acc-1',
      kind: 'image',
      caption: '',
      media: [{ url: 'https://cdn.example/a.jpg' }],
      mode: 'automatic',
      firstComment: '#tags',
      scheduledAt: localInputToIso('2099-01-01T10:00'),
    });
  });

  it('saving an edit as a draft takes the post off the schedule', () => {
    expect(toUpdateInput('p', base, 'draft')).toMatchObject({ postId: 'p', scheduledAt: null, altText: null });
    expect(toUpdateInput('p', base, 'publishNow')).not.toHaveProperty('scheduledAt');
  });
});
