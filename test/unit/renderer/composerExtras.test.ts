import { describe, expect, it } from 'vitest';
import { emptyForm, formProblems, storyNeedsBusiness, toCreateInput, toUpdateInput, withFormDefaults, withKind, type ComposerForm } from '../../../src-renderer/features/posts/composerForm';
import { isPhoto, parseUsernameEntry, tagPlace, tagPointFromClick, tagPosition } from '../../../src-renderer/features/posts/tagging';

describe('usernames typed into a chip field', () => {
  it('drops a leading @ and spaces, and takes letters, digits, periods and underscores', () => {
    expect(parseUsernameEntry('  @maya.makes ', [], 3, 'collaborators')).toEqual({ ok: true, username: 'maya.makes' });
    expect(parseUsernameEntry('north_side2', [], 3, 'collaborators')).toEqual({ ok: true, username: 'north_side2' });
  });

  it('refuses what is not a username, a repeat (in any case) and one past the limit, in a sentence', () => {
    expect(parseUsernameEntry('', [], 3, 'collaborators')).toEqual({ ok: false, reason: 'Type an Instagram username first.' });
    expect(parseUsernameEntry('@bad name', [], 3, 'collaborators')).toEqual({ ok: false, reason: expect.stringMatching(/^"bad name" is not an Instagram username/) });
    expect(parseUsernameEntry('.dot', [], 3, 'collaborators').ok).toBe(false);
    expect(parseUsernameEntry('a'.repeat(31), [], 3, 'collaborators').ok).toBe(false);
    expect(parseUsernameEntry('Maya.Makes', ['maya.makes'], 3, 'collaborators')).toEqual({ ok: false, reason: '@Maya.Makes is already in the list.' });
    expect(parseUsernameEntry('d', ['a', 'b', 'c'], 3, 'collaborators')).toEqual({ ok: false, reason: 'Instagram allows 3 collaborators; remove one to add another.' });
  });
});

describe('placing a tag on the picture', () => {
  const box = { left: 100, top: 50, width: 200, height: 400 };

  it('turns a click into x and y from 0 to 1, from the picture’s top left corner', () => {
    expect(tagPointFromClick(150, 350, box)).toEqual({ x: 0.25, y: 0.75 });
    expect(tagPointFromClick(200, 250, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(tagPointFromClick(133.3333, 50, box)).toEqual({ x: 0.167, y: 0 });
  });

  it('keeps a click on the very edge (or a pixel past it) on the picture', () => {
    expect(tagPointFromClick(99, 460, box)).toEqual({ x: 0, y: 1 });
  });

  it('shows a tag where it is, in percent and in words', () => {
    expect(tagPosition({ x: 0.25, y: 0.755 })).toEqual({ left: '25%', top: '75.5%' });
    expect(tagPlace({ x: 0.5, y: 0.5 })).toBe('centre');
    expect(tagPlace({ x: 0.1, y: 0.9 })).toBe('bottom left');
    expect(tagPlace({ x: 0.9, y: 0.5 })).toBe('right');
    expect(tagPlace({ x: 0.5, y: 0.1 })).toBe('top');
  });

  it('tags photos only: a linked video or an imported video is not one', () => {
    expect(isPhoto({ url: 'https://cdn.example/a.jpg' }, null)).toBe(true);
    expect(isPhoto({ url: 'https://cdn.example/a.mp4?x=1' }, null)).toBe(false);
    expect(isPhoto({ mediaId: 'm1' }, { kind: 'video' })).toBe(false);
    expect(isPhoto({ mediaId: 'm1' }, { kind: 'image' })).toBe(true);
  });
});

describe('the composer’s Stories, collaborators, tags and Reel options', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const base: ComposerForm = { ...emptyForm({ id: 'acc-1', defaultMode: 'automatic' }, '2099-01-01T10:00'), media: [{ url: 'https://cdn.example/a.jpg' }] };
  const creator = { username: 'maya.makes', accountType: 'MEDIA_CREATOR' as const };
  const business = { username: 'northside.bakery', accountType: 'BUSINESS' as const };

  it('a Story from a Creator account cannot be scheduled or published, only kept as a draft or made a reminder', () => {
    const story = withKind(base, 'story');
    expect(formProblems(story, 'schedule', now, creator).mode).toBe(storyNeedsBusiness('maya.makes'));
    expect(formProblems(story, 'publishNow', now, creator).mode).toBe(storyNeedsBusiness('maya.makes'));
    expect(formProblems(story, 'draft', now, creator).mode).toBeUndefined();
    expect(formProblems({ ...story, mode: 'remind' }, 'schedule', now, creator).mode).toBeUndefined();
    expect(formProblems(story, 'schedule', now, business).mode).toBeUndefined();
  });

  it('a Story’s Remind me goes back to the account’s mode when the post becomes a kind Postdeck publishes', () => {
    const reminder = { ...withKind(base, 'story'), mode: 'remind' as const };
    expect(withKind(reminder, 'image', 'manual').mode).toBe('manual');
    expect(withKind({ ...base, mode: 'remind' }, 'carousel').mode).toBe('remind');
  });

  it('a Story saves no caption, first comment, collaborators or alt text, and its people by name', () => {
    const story: ComposerForm = {
      ...withKind({ ...base, caption: 'Kept for another kind', firstComment: '#tags', collaborators: ['northside.bakery'] }, 'story'),
      media: [{ url: 'https://cdn.example/a.jpg', altText: 'A loaf', userTags: [{ username: 'sam', x: 0.1, y: 0.1 }] }],
      userTags: [{ username: 'friend.one' }],
    };
    const input = toCreateInput(story, 'publishNow');
    expect(input).toEqual({ accountId: 'acc-1', kind: 'story', caption: '', mode: 'automatic', userTags: [{ username: 'friend.one' }], media: [{ url: 'https://cdn.example/a.jpg' }] });
    expect(story.caption).toBe('Kept for another kind');
  });

  it('a photo keeps its tags and collaborators; a Reel’s people by name are left out on a photo post', () => {
    const tagged: ComposerForm = { ...base, collaborators: ['northside.bakery'], userTags: [{ username: 'left.over' }], media: [{ url: 'https://cdn.example/a.jpg', userTags: [{ username: 'sam', x: 0.25, y: 0.75 }] }] };
    expect(toCreateInput(tagged, 'draft')).not.toHaveProperty('userTags');
    expect(toCreateInput(tagged, 'draft')).toMatchObject({ collaborators: ['northside.bakery'], media: [{ url: 'https://cdn.example/a.jpg', userTags: [{ username: 'sam', x: 0.25, y: 0.75 }] }] });
  });

  it('Reel options go with a Reel only, and an edit that makes it another kind resets them', () => {
    const reel: ComposerForm = { ...withKind(base, 'reel'), media: [{ url: 'https://cdn.example/a.mp4' }], shareToFeed: false, audioName: ' Morning song ', trialReel: 'performance' };
    expect(toCreateInput(reel, 'draft')).toMatchObject({ shareToFeed: false, audioName: 'Morning song', trialReel: 'performance' });
    const draft = { id: 'p1', version: 2, accountId: 'acc-1', status: 'draft' as const };
    expect(toUpdateInput(draft, { ...reel, kind: 'image' }, 'draft')).toMatchObject({ kind: 'image', shareToFeed: true, audioName: null, trialReel: null });
    expect(toCreateInput({ ...reel, kind: 'image' }, 'draft')).not.toHaveProperty('trialReel');
  });

  it('more than 3 collaborators, or one Instagram would refuse, is the collaborators field’s problem', () => {
    expect(formProblems({ ...base, collaborators: ['a', 'b', 'c', 'd'] }, 'draft', now).collaborators).toMatch(/Instagram allows 3/);
    expect(formProblems({ ...base, collaborators: ['bad name'] }, 'draft', now).collaborators).toMatch(/not an Instagram username/);
    expect(formProblems({ ...base, collaborators: ['fine'] }, 'draft', now).collaborators).toBeUndefined();
  });

  it('a form kept by an older Postdeck gets the new fields’ defaults', () => {
    const { collaborators: _c, userTags: _u, shareToFeed: _s, audioName: _a, trialReel: _t, ...older } = base;
    expect(withFormDefaults(older as ComposerForm)).toEqual(base);
  });
});
