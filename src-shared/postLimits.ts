/**
 * What Instagram counts in a caption, as pure functions both sides can use: the composer counts live,
 * and the main process refuses before scheduling with the same numbers (instagram-platform.md §6).
 */
export const CAPTION_LIMITS = {
  characters: 2200,
  hashtags: 30,
  /** Above this, Instagram's reach advice says hashtags start to hurt; a warning, not a refusal. */
  hashtagsAdvised: 5,
  mentions: 20,
} as const;

export const CAROUSEL_ITEMS = { min: 2, max: 10 } as const;

// A tag or mention starts a word: "a#b" and "me@example.com" are neither.
const HASHTAG = /(?<![\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu;
const MENTION = /(?<![\p{L}\p{N}_.@])@[\p{L}\p{N}._]+/gu;

export interface CaptionCounts {
  /** Unicode code points, so an emoji counts once. */
  characters: number;
  hashtags: number;
  mentions: number;
}

export function countCaption(caption: string): CaptionCounts {
  return {
    characters: [...caption].length,
    hashtags: caption.match(HASHTAG)?.length ?? 0,
    mentions: caption.match(MENTION)?.length ?? 0,
  };
}

export interface CaptionProblem {
  /** `error`: Instagram refuses it. `warning`: allowed, but probably not what the creator wants. */
  level: 'error' | 'warning';
  text: string;
}

const n = (value: number) => value.toLocaleString('en-US');

/** Plain sentences for what is over a limit, in the order the counters show them. */
export function captionProblems(counts: CaptionCounts): CaptionProblem[] {
  const problems: CaptionProblem[] = [];
  if (counts.characters > CAPTION_LIMITS.characters) {
    problems.push({
      level: 'error',
      text: `${n(counts.characters - CAPTION_LIMITS.characters)} characters too long: Instagram allows ${n(CAPTION_LIMITS.characters)}.`,
    });
  }
  if (counts.hashtags > CAPTION_LIMITS.hashtags) {
    problems.push({ level: 'error', text: `${counts.hashtags} hashtags: Instagram allows ${CAPTION_LIMITS.hashtags}.` });
  } else if (counts.hashtags > CAPTION_LIMITS.hashtagsAdvised) {
    problems.push({
      level: 'warning',
      text: `${counts.hashtags} hashtags: Instagram suggests ${CAPTION_LIMITS.hashtagsAdvised} or fewer; more can reduce reach.`,
    });
  }
  if (counts.mentions > CAPTION_LIMITS.mentions) {
    problems.push({ level: 'error', text: `${counts.mentions} mentions: Instagram allows ${CAPTION_LIMITS.mentions}.` });
  }
  return problems;
}

/** Why Instagram could not fetch this address, or null when it can (https, or loopback http for the sandbox). */
export function mediaUrlProblem(value: string): string | null {
  const text = value.trim();
  if (!text) return 'Paste the public address of the image or video.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'This is not a web address; it should start with https://.';
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return null;
  return 'Instagram fetches media only from https:// addresses.';
}
