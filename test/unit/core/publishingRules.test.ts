import { describe, expect, it } from 'vitest';
import {
  isInstagramUsername,
  normalizeUsername,
  storyVideoProblem,
  taggingProblems,
  type TaggablePost,
  aspectOf,
  captionProblems,
  captionStats,
  carouselAspect,
  carouselProblems,
  countCaptionCharacters,
  coverOffsetProblem,
  cropRect,
  findHashtags,
  findMentions,
  imageAspectProblem,
  instagramLimits,
  isFeedAspect,
  nearestFeedAspect,
  padCanvas,
  preparedImageSize,
  reelProblems,
  videoCodecName,
  type VideoFacts,
} from '../../../src-shared/publishingRules';

const codes = (problems: { code: string }[]) => problems.map((problem) => problem.code);

describe('caption counting', () => {
  it('counts code points: an emoji is one, a joined family counts its parts, UTF-16 surrogates are not doubled', () => {
    expect(countCaptionCharacters('héllo')).toBe(5);
    expect(countCaptionCharacters('🙂')).toBe(1);
    expect('🙂'.length).toBe(2);
    expect(countCaptionCharacters('👨‍👩‍👧')).toBe(5); // 3 people + 2 zero-width joiners
  });

  it('allows exactly 2,200 characters and refuses 2,201 with the overshoot in the sentence', () => {
    expect(captionProblems('a'.repeat(2200))).toEqual([]);
    expect(captionProblems('🙂'.repeat(2200))).toEqual([]);
    const [problem] = captionProblems('a'.repeat(2201));
    expect(problem).toMatchObject({ code: 'caption_too_long', severity: 'error' });
    expect(problem!.message).toContain('2,201');
    expect(problem!.message).toContain('by 1');
  });

  it('finds hashtags at word starts only, with a letter or underscore, repeats included', () => {
    expect(findHashtags('#sun #Sonne #日本 #_x C# a#b #1 #2024 #sun')).toEqual(['sun', 'Sonne', '日本', '_x', 'sun']);
    expect(findHashtags('(#paren) end.#dot')).toEqual(['paren', 'dot']);
    expect(findHashtags('##double')).toEqual([]);
  });

  it('finds @-mentions but not e-mail addresses, and drops a sentence-ending dot', () => {
    expect(findMentions('thanks @bob. and @al.ice_1, mail me@site.com @')).toEqual(['bob', 'al.ice_1']);
  });

  it('warns above 5 hashtags, refuses above 30', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
    expect(captionProblems(tags(5))).toEqual([]);
    expect(captionProblems(tags(6))).toMatchObject([{ code: 'caption_many_hashtags', severity: 'warning' }]);
    expect(captionProblems(tags(30))).toMatchObject([{ code: 'caption_many_hashtags', severity: 'warning' }]);
    expect(captionProblems(tags(31))).toMatchObject([{ code: 'caption_too_many_hashtags', severity: 'error' }]);
  });

  it('refuses more than 20 @-mentions', () => {
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@user${i}`).join(' ');
    expect(captionProblems(mentions(20))).toEqual([]);
    expect(captionProblems(mentions(21))).toMatchObject([{ code: 'caption_too_many_mentions', severity: 'error' }]);
  });

  it('reports the live counters together', () => {
    expect(captionStats('Hi @ann #sun #sea')).toEqual({ characters: 17, hashtags: 2, mentions: 1 });
  });
});

describe('image aspect', () => {
  it('accepts 4:5 to 1.91:1 inclusive and offers crop or pad outside it', () => {
    expect(imageAspectProblem({ width: 1080, height: 1350 })).toBeNull();
    expect(imageAspectProblem({ width: 1910, height: 1000 })).toBeNull();
    expect(imageAspectProblem({ width: 1000, height: 1000 })).toBeNull();
    const tall = imageAspectProblem({ width: 1080, height: 1920 });
    expect(tall).toMatchObject({ code: 'image_aspect_out_of_range', severity: 'error', choices: ['crop', 'pad'] });
    expect(tall!.message).toContain('too tall');
    expect(imageAspectProblem({ width: 1911, height: 1000 })!.message).toContain('too wide');
  });

  it('moves an aspect to the nearest Instagram accepts; a carousel takes the first image’s', () => {
    expect(nearestFeedAspect(0.5)).toBe(0.8);
    expect(nearestFeedAspect(3)).toBe(1.91);
    expect(nearestFeedAspect(1.2)).toBe(1.2);
    expect(carouselAspect({ width: 1200, height: 1000 })).toBe(1.2);
    expect(carouselAspect({ width: 900, height: 1600 })).toBe(0.8);
  });

  it('crops the centre, in source pixels', () => {
    expect(cropRect({ width: 3000, height: 1000 }, 1.91)).toEqual({ left: 545, top: 0, width: 1910, height: 1000 });
    expect(cropRect({ width: 1000, height: 3000 }, 0.8)).toEqual({ left: 0, top: 875, width: 1000, height: 1250 });
    expect(cropRect({ width: 1000, height: 1000 }, 1)).toEqual({ left: 0, top: 0, width: 1000, height: 1000 });
  });

  it('pads onto a canvas of the target aspect', () => {
    expect(padCanvas({ width: 1000, height: 3000 }, 0.8)).toEqual({ width: 2400, height: 3000 });
    expect(padCanvas({ width: 3000, height: 1000 }, 1.91)).toEqual({ width: 3000, height: 1571 });
  });

  it('scales down to 1440 px wide, never up', () => {
    expect(preparedImageSize({ width: 5000, height: 5000 }, 1, 'crop')).toEqual({ width: 1440, height: 1440 });
    expect(preparedImageSize({ width: 800, height: 600 }, 4 / 3, 'crop')).toEqual({ width: 800, height: 600 });
    expect(preparedImageSize({ width: 1000, height: 3000 }, 0.8, 'pad')).toEqual({ width: 1440, height: 1800 });
  });

  it('never rounds a crop, a pad or the scaled size a pixel outside 4:5–1.91:1', () => {
    // Wide and tall sources, at both limits: e.g. 1441×1000 cropped to 1.91 is 1441×754 (1.9111) unless corrected.
    for (let long = 1300; long < 1600; long++) {
      for (const short of [997, 1000, 1013]) {
        for (const source of [{ width: long, height: short }, { width: short, height: long }, { width: long * 3, height: short }, { width: short, height: long * 3 }]) {
          for (const aspect of [0.8, 1.91]) {
            expect(isFeedAspect(aspectOf(cropRect(source, aspect)))).toBe(true);
            expect(isFeedAspect(aspectOf(padCanvas(source, aspect)))).toBe(true);
            for (const fit of ['crop', 'pad'] as const) expect(isFeedAspect(aspectOf(preparedImageSize(source, aspect, fit)))).toBe(true);
          }
        }
      }
    }
  });
});

describe('carousel', () => {
  it('takes 2 to 10 items', () => {
    expect(codes(carouselProblems(1))).toEqual(['carousel_too_few_items']);
    expect(carouselProblems(2)).toEqual([]);
    expect(carouselProblems(10)).toEqual([]);
    expect(codes(carouselProblems(11))).toEqual(['carousel_too_many_items']);
  });
});

describe('reel', () => {
  const good: VideoFacts = { durationMs: 4000, bytes: 5_000_000, codec: 'avc1.640028', width: 1080, height: 1920, indexFirst: true };

  it('accepts a 9:16 H.264 or HEVC video between 3 s and 15 min', () => {
    expect(reelProblems(good)).toEqual([]);
    expect(reelProblems({ ...good, codec: 'hvc1.1.6.L93.B0' })).toEqual([]);
    expect(reelProblems({ ...good, durationMs: 3000 })).toEqual([]);
    expect(reelProblems({ ...good, durationMs: 15 * 60_000 })).toEqual([]);
  });

  it.each([
    [{ durationMs: 2999 }, 'reel_too_short'],
    [{ durationMs: 15 * 60_000 + 1 }, 'reel_too_long'],
    [{ bytes: instagramLimits.reelMaxBytes + 1 }, 'reel_too_large'],
    [{ codec: 'mp4v' }, 'reel_codec_unsupported'],
    [{ codec: 'vp09.00.10.08' }, 'reel_codec_unsupported'],
    [{ width: 1920, height: 191 }, 'reel_aspect_out_of_range'],
    [{ width: 10, height: 1001 }, 'reel_aspect_out_of_range'],
    [{ width: 2160, height: 3840 }, 'reel_too_wide'],
  ] as const)('refuses %o as %s', (change, code) => {
    expect(reelProblems({ ...good, ...change })).toMatchObject([{ code, severity: 'error' }]);
  });

  it('only warns when the index is at the end of the file', () => {
    expect(reelProblems({ ...good, indexFirst: false })).toMatchObject([{ code: 'reel_index_at_end', severity: 'warning' }]);
  });

  it('names the codec families Instagram takes', () => {
    expect(videoCodecName('avc3.4d401f')).toBe('H.264');
    expect(videoCodecName('hev1.1.6.L93.B0')).toBe('HEVC');
    expect(videoCodecName('av01.0.04M.08')).toBeNull();
  });

  it('takes a cover frame only inside the video', () => {
    expect(coverOffsetProblem(0, 4000)).toBeNull();
    expect(coverOffsetProblem(3999, 4000)).toBeNull();
    for (const offset of [-1, 4000, 1.5, Number.NaN]) expect(coverOffsetProblem(offset, 4000)).toMatchObject({ code: 'cover_offset_out_of_range' });
  });
});

describe('collaborators, user tags, Reel options and Stories', () => {
  const post = (patch: Partial<TaggablePost> = {}): TaggablePost => ({
    kind: 'image',
    media: [{}],
    collaborators: [],
    userTags: [],
    shareToFeed: true,
    audioName: null,
    trialReel: null,
    firstComment: null,
    ...patch,
  });
  const codes = (patch: Partial<TaggablePost>) => taggingProblems(post(patch)).map((problem) => problem.code);

  it('usernames: a leading @ and spaces dropped; letters, digits, "." and "_" up to 30, no "." at the ends or twice', () => {
    expect(normalizeUsername('  @maya.makes ')).toBe('maya.makes');
    for (const good of ['maya.makes', 'a', 'x_1', 'a'.repeat(30)]) expect(isInstagramUsername(good)).toBe(true);
    for (const bad of ['@maya', 'two words', '.dot', 'dot.', 'a..b', 'a'.repeat(31), '', 'ünï']) expect(isInstagramUsername(bad)).toBe(false);
    expect(taggingProblems(post({ collaborators: ['ok', 'not ok'] })).map((problem) => problem.message)).toEqual(['"not ok" is not an Instagram username: usernames have at most 30 letters, digits, periods and underscores.']);
  });

  it('each problem names the field it is about: collaborators, the post’s tags, one photo’s tags, the media, the first comment', () => {
    const fields = (patch: Partial<TaggablePost>) => taggingProblems(post(patch)).map((problem) => problem.field ?? null);
    expect(fields({ collaborators: ['a', 'b', 'c', 'not ok'] })).toEqual(['collaborators', 'collaborators']);
    expect(fields({ kind: 'carousel', media: [{}, { userTags: [{ username: 'bad name', x: 0.5, y: 2 }] }] })).toEqual(['media.1.userTags', 'media.1.userTags']);
    expect(fields({ kind: 'reel', userTags: [{ username: 'maya', x: 0.5, y: 0.5 }] })).toEqual(['userTags']);
    expect(fields({ kind: 'story', media: [{}, {}], firstComment: 'hi' })).toEqual(['media', 'firstComment']);
    expect(fields({ audioName: 'Song' })).toEqual([null]);
  });

  it('collaborators: at most 3, never on a Story', () => {
    expect(codes({ collaborators: ['a', 'b', 'c'] })).toEqual([]);
    expect(codes({ collaborators: ['a', 'b', 'c', 'd'] })).toEqual(['too_many_collaborators']);
    expect(codes({ kind: 'reel', collaborators: ['a'] })).toEqual([]);
    expect(codes({ kind: 'carousel', media: [{}, {}], collaborators: ['a'] })).toEqual([]);
    expect(codes({ kind: 'story', collaborators: ['a'] })).toEqual(['collaborators_not_allowed']);
  });

  it('tags: on photos at a spot inside the picture, at most 20 each; on Reels by name; on Stories with an optional spot', () => {
    const at = (x: number, y = 0.5) => ({ username: 'sam', x, y });
    expect(codes({ media: [{ userTags: [at(0), at(1)] }] })).toEqual([]);
    expect(codes({ media: [{ userTags: [at(1.01)] }] })).toEqual(['user_tag_position']);
    expect(codes({ media: [{ userTags: Array.from({ length: 20 }, () => at(0.5)) }] })).toEqual([]);
    expect(codes({ media: [{ userTags: Array.from({ length: 21 }, () => at(0.5)) }] })).toEqual(['too_many_user_tags']);
    expect(codes({ userTags: [{ username: 'sam' }] })).toEqual(['user_tags_misplaced']);
    expect(codes({ kind: 'reel', userTags: [{ username: 'sam' }] })).toEqual([]);
    expect(codes({ kind: 'reel', userTags: [at(0.5)] })).toEqual(['user_tag_position']);
    expect(codes({ kind: 'reel', media: [{ userTags: [at(0.5)] }] })).toEqual(['user_tags_misplaced']);
    expect(codes({ kind: 'story', userTags: [{ username: 'sam' }, at(0.2)] })).toEqual([]);
    expect(codes({ kind: 'story', userTags: [at(-0.2)] })).toEqual(['user_tag_position']);
  });

  it('Reel options only on Reels; a Story is one item without a first comment, its video 3–60 s', () => {
    expect(codes({ kind: 'reel', shareToFeed: false, audioName: 'x', trialReel: 'manual' })).toEqual([]);
    expect(codes({ trialReel: 'manual' })).toEqual(['reel_option_not_reel']);
    expect(codes({ kind: 'story', shareToFeed: false })).toEqual(['reel_option_not_reel']);
    expect(codes({ kind: 'story', media: [{}, {}] })).toEqual(['story_one_item']);
    expect(codes({ kind: 'story', firstComment: 'hi' })).toEqual(['story_no_first_comment']);
    expect(storyVideoProblem(3_000)).toBeNull();
    expect(storyVideoProblem(60_000)).toBeNull();
    expect(storyVideoProblem(2_999)?.code).toBe('story_video_length');
    expect(storyVideoProblem(61_500)?.message).toBe('This video is 61.5 s long; a Story video lasts 3 to 60 seconds. Trim it, or post it as a Reel.');
  });
});
