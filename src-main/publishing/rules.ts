import { mediaUrlProblem } from '../../src-shared/mediaHosting';
import { Failure } from '../config/failure';
import { captionProblems, carouselProblems, storyVideoProblem, taggingProblems } from '../../src-shared/publishingRules';
import type { MediaRecord } from '../db/mediaRepo';
import type { PostRecord } from '../db/postsRepo';

/**
 * What Instagram would refuse about a post as a whole (instagram-platform.md §6), as plain sentences:
 * the same rules the composer counts with. Media files themselves are checked when they are imported.
 */
export function postProblems(
  post: Pick<PostRecord, 'kind' | 'media' | 'caption' | 'reelCover' | 'collaborators' | 'userTags' | 'shareToFeed' | 'audioName' | 'trialReel' | 'firstComment'>,
  options: { draft?: boolean } = {},
): string[] {
  const count = post.media.length;
  // A draft is work in progress (an idea with no media yet, a carousel of one so far): how many media it has
  // is checked when it is scheduled; the media it has are checked all the same.
  const countChecked = !options.draft;
  const problems = [
    ...(countChecked && post.kind === 'carousel' ? carouselProblems(count).map((problem) => problem.message) : []),
    ...(countChecked && (post.kind === 'image' || post.kind === 'reel') && count !== 1 ? [`${post.kind === 'reel' ? 'A Reel' : 'An image post'} has exactly one media item.`] : []),
    ...taggingProblems(post).map((problem) => problem.message),
    ...post.media.flatMap((ref) => ('url' in ref ? [mediaUrlProblem(ref.url)] : [])),
    ...(post.reelCover && post.kind !== 'reel' ? ['Only a Reel has a cover.'] : []),
    ...[...captionProblems(post.caption), ...captionProblems(post.firstComment ?? '', 'first comment')]
      .filter((problem) => problem.severity === 'error')
      .map((problem) => problem.message),
  ];
  return problems.filter((problem): problem is string => problem !== null);
}

/** The account a post goes out from; an idea saved without one cannot be scheduled or published. */
export function accountOf(post: Pick<PostRecord, 'accountId'>): string {
  if (post.accountId === null) throw new Failure('post_invalid', 'Choose the account to publish to.');
  return post.accountId;
}

/** What the media library knows of an imported file; null when it is gone. */
export type MediaFileLookup = (mediaId: string) => Pick<MediaRecord, 'kind' | 'warnings' | 'durationMs'> | null;

/**
 * What Instagram would refuse about the imported files themselves: the wrong kind of file for the post, or
 * what the import found (a video too long, say). An aspect the user can crop or pad is not a refusal.
 */
export function fileProblems(post: Pick<PostRecord, 'kind' | 'media' | 'reelCover'>, lookup: MediaFileLookup): string[] {
  const problems: string[] = [];
  post.media.forEach((ref, index) => {
    if (!('mediaId' in ref)) return;
    const file = lookup(ref.mediaId);
    const which = post.media.length > 1 ? `Media ${index + 1}` : 'The file';
    if (!file) return problems.push(`${which} is no longer in Postdeck's media library; choose it again.`);
    if (post.kind === 'image' && file.kind === 'video') problems.push(`${which} is a video; an image post takes a photo. Make it a Reel instead.`);
    if (post.kind === 'reel' && file.kind === 'image') problems.push(`${which} is a photo; a Reel is a video.`);
    const storyLength = post.kind === 'story' && file.kind === 'video' && file.durationMs !== null ? storyVideoProblem(file.durationMs) : null;
    if (storyLength) problems.push(storyLength.message);
    for (const warning of file.warnings) if (warning.severity === 'error' && !warning.choices) problems.push(warning.message);
  });
  if (post.reelCover && 'mediaId' in post.reelCover) {
    const cover = lookup(post.reelCover.mediaId);
    if (!cover || cover.kind !== 'image') problems.push('The cover must be a photo from the media library.');
  }
  return problems;
}
