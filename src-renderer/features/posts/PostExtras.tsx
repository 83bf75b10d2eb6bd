import type { Post } from '../../../src-shared/posts';
import { tagPlace } from './tagging';
import './composerExtras.css';

const TRIAL_TEXT = {
  manual: 'Trial Reel: shown to non-followers first; you share it with your followers from the Instagram app',
  performance: 'Trial Reel: shown to non-followers first; Instagram shares it with your followers if it performs well',
} as const;

const handles = (names: readonly string[]) => names.map((name) => `@${name}`).join(', ');

/** A post's collaborators, the people it tags and a Reel's options: rows of the facts on its page. */
export function PostExtras({ post }: { post: Post }) {
  const photoTags = post.media.flatMap((item, index) =>
    (item.userTags ?? []).map((tag) => `@${tag.username} (${post.media.length > 1 ? `slide ${index + 1}, ` : ''}${tagPlace(tag)})`),
  );
  const tagged = [...post.userTags.map((tag) => `@${tag.username}`), ...photoTags];
  return (
    <>
      {post.kind !== 'story' ? (
        <>
          <dt>Collaborators</dt>
          <dd>{post.collaborators.length > 0 ? handles(post.collaborators) : 'None'}</dd>
        </>
      ) : null}
      <dt>People tagged</dt>
      <dd>{tagged.length > 0 ? tagged.join(', ') : 'None'}</dd>
      {post.kind === 'reel' ? (
        <>
          <dt>Reel options</dt>
          <dd>
            <ul className="plain-list">
              <li>{post.shareToFeed ? 'Shared to feed and the Reels tab' : 'In the Reels tab only, not the feed'}</li>
              <li>{post.audioName ? `Audio: ${post.audioName}` : 'Audio: Original audio'}</li>
              <li>{post.trialReel ? TRIAL_TEXT[post.trialReel] : 'Not a trial Reel'}</li>
            </ul>
          </dd>
        </>
      ) : null}
    </>
  );
}
