import type { PostRecord } from '../db/postsRepo';

/**
 * What Instagram would refuse about a post as a whole (instagram-platform.md §6), as plain sentences.
 * Media files themselves are checked when they are imported.
 */
export function postProblems(post: Pick<PostRecord, 'kind' | 'media' | 'caption'>): string[] {
  const problems: string[] = [];
  const count = post.media.length;
  if (post.kind === 'carousel' && (count < 2 || count > 10)) problems.push(`A carousel has 2 to 10 items; this one has ${count}.`);
  if (post.kind !== 'carousel' && count !== 1) problems.push(`An ${post.kind === 'reel' ? 'Reel' : 'image post'} has exactly one media item.`);
  for (const ref of post.media) {
    if (!('url' in ref)) continue;
    let url: URL | null = null;
    try {
      url = new URL(ref.url);
    } catch {
      problems.push(`“${ref.url.slice(0, 80)}” is not a web address.`);
      continue;
    }
    if (url.protocol !== 'https:' && !isLoopback(url)) problems.push('Instagram fetches media only from https:// addresses.');
  }
  const characters = [...post.caption].length;
  if (characters > 2200) problems.push(`The caption has ${characters} characters; Instagram allows 2,200.`);
  const hashtags = post.caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags > 30) problems.push(`The caption has ${hashtags} hashtags; Instagram allows 30.`);
  const mentions = post.caption.match(/@[\p{L}\p{N}._]+/gu)?.length ?? 0;
  if (mentions > 20) problems.push(`The caption mentions ${mentions} accounts; Instagram allows 20.`);
  return problems;
}

/** The sandbox and the tests serve media over plain http on loopback. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}
