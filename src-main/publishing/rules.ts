import { mediaUrlProblem } from '../../src-shared/mediaHosting';
import { captionProblems, carouselProblems } from '../../src-shared/publishingRules';
import type { PostRecord } from '../db/postsRepo';

/**
 * What Instagram would refuse about a post as a whole (instagram-platform.md §6), as plain sentences:
 * the same rules the composer counts with. Media files themselves are checked when they are imported.
 */
export function postProblems(post: Pick<PostRecord, 'kind' | 'media' | 'caption' | 'reelCover'>): string[] {
  const count = post.media.length;
  const problems = [
    ...(post.kind === 'carousel' ? carouselProblems(count).map((problem) => problem.message) : []),
    ...(post.kind !== 'carousel' && count !== 1 ? [`${post.kind === 'reel' ? 'A Reel' : 'An image post'} has exactly one media item.`] : []),
    ...post.media.flatMap((ref) => ('url' in ref ? [mediaUrlProblem(ref.url)] : [])),
    ...(post.reelCover && post.kind !== 'reel' ? ['Only a Reel has a cover.'] : []),
    ...captionProblems(post.caption)
      .filter((problem) => problem.severity === 'error')
      .map((problem) => problem.message),
  ];
  return problems.filter((problem): problem is string => problem !== null);
}
