import { mediaUrlProblem } from '../../src-shared/mediaHosting';
import { Failure } from '../config/failure';
import type { FieldProblem } from '../../src-shared/errors';
import { captionProblems, carouselProblems, storyVideoProblem, taggingProblems, type Problem } from '../../src-shared/publishingRules';
import type { MediaRecord } from '../db/mediaRepo';
import type { PostRecord } from '../db/postsRepo';

/**
 * What Instagram would refuse about a post as a whole (instagram-platform.md §6), as plain sentences, each
 * with the field it is about: the same rules the composer counts with. Media files themselves are checked
 * when they are imported.
 */
export function postProblems(
  post: Pick<PostRecord, 'kind' | 'media' | 'caption' | 'reelCover' | 'collaborators' | 'userTags' | 'shareToFeed' | 'audioName' | 'trialReel' | 'firstComment'>,
  options: { draft?: boolean } = {},
): FieldProblem[] {
  const count = post.media.length;
  // A draft is work in progress (an idea with no media yet, a carousel of one so far): how many media it has
  // is checked when it is scheduled; the media it has are checked all the same.
  const countChecked = !options.draft;
  const errorsOf = (problems: Problem[], field: string | null) => problems.filter((problem) => problem.severity === 'error').map((problem) => ({ field: problem.field ?? field, message: problem.message }));
  const problems: FieldProblem[] = [
    ...(countChecked && post.kind === 'carousel' ? errorsOf(carouselProblems(count), 'media') : []),
    ...(countChecked && (post.kind === 'image' || post.kind === 'reel') && count !== 1 ? [{ field: 'media', message: `${post.kind === 'reel' ? 'A Reel' : 'An image post'} has exactly one media item.` }] : []),
    ...errorsOf(taggingProblems(post), null),
    ...post.media.flatMap((ref, index) => {
      const problem = 'url' in ref ? mediaUrlProblem(ref.url) : null;
      return problem ? [{ field: `media.${index}`, message: problem }] : [];
    }),
    ...(post.reelCover && post.kind !== 'reel' ? [{ field: 'reelCover', message: 'Only a Reel has a cover.' }] : []),
    ...errorsOf(captionProblems(post.caption), 'caption'),
    ...errorsOf(captionProblems(post.firstComment ?? '', 'first comment'), 'firstComment'),
  ];
  return problems;
}

/** The account a post goes out from; an idea saved without one cannot be scheduled or published. */
export function accountOf(post: Pick<PostRecord, 'accountId'>): string {
  if (post.accountId === null) throw new Failure('post_invalid', [{ field: 'accountId', message: 'Choose the account to publish to.' }]);
  return post.accountId;
}

/** What the media library knows of an imported file; null when it is gone. */
export type MediaFileLookup = (mediaId: string) => Pick<MediaRecord, 'kind' | 'warnings' | 'durationMs'> | null;

/**
 * What Instagram would refuse about the imported files themselves: the wrong kind of file for the post, or
 * what the import found (a video too long, say). An aspect the user can crop or pad is not a refusal.
 */
export function fileProblems(post: Pick<PostRecord, 'kind' | 'media' | 'reelCover'>, lookup: MediaFileLookup): FieldProblem[] {
  const problems: FieldProblem[] = [];
  post.media.forEach((ref, index) => {
    if (!('mediaId' in ref)) return;
    const file = lookup(ref.mediaId);
    const which = post.media.length > 1 ? `Media ${index + 1}` : 'The file';
    const refuse = (message: string) => problems.push({ field: `media.${index}`, message });
    if (!file) return refuse(`${which} is no longer in Postdeck's media library; choose it again.`);
    if (post.kind === 'image' && file.kind === 'video') refuse(`${which} is a video; an image post takes a photo. Make it a Reel instead.`);
    if (post.kind === 'reel' && file.kind === 'image') refuse(`${which} is a photo; a Reel is a video.`);
    const storyLength = post.kind === 'story' && file.kind === 'video' && file.durationMs !== null ? storyVideoProblem(file.durationMs) : null;
    if (storyLength) refuse(storyLength.message);
    for (const warning of file.warnings) if (warning.severity === 'error' && !warning.choices) refuse(warning.message);
  });
  if (post.reelCover && 'mediaId' in post.reelCover) {
    const cover = lookup(post.reelCover.mediaId);
    if (!cover || cover.kind !== 'image') problems.push({ field: 'reelCover', message: 'The cover must be a photo from the media library.' });
  }
  return problems;
}
