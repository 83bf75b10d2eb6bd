import { altTextOf, type Post } from '../../../src-shared/posts';
import { Avatar } from '../../components/Avatar';
import { accountName, captionExcerpt, KIND_LABEL, pendingReasonText, whenText } from './describe';
import { MediaThumb } from './MediaThumb';
import { PostActions, postHref } from './PostActions';
import { PostProblem } from './PostProblem';
import { RemindCard } from './RemindCard';
import { PostStatusBadge } from './PostStatusBadge';
import { usePostAccount } from './usePostAccount';

/**
 * One post in a list: who, what, when, where it stands, and its actions. `showReason` adds why a post
 * waits for approval (the queue).
 */
export function PostRow({ post, showReason = false }: { post: Post; showReason?: boolean }) {
  const account = usePostAccount(post.accountId);
  const titleId = `post-${post.id}-title`;
  const unhealthy = account?.health.state === 'unhealthy';
  return (
    <li className="post-row" aria-labelledby={titleId}>
      <MediaThumb item={post.media[0]} kind={post.kind} alt={altTextOf(post, 0)} cover={post.reelCover} />
      <div className="post-main">
        <p className="post-title">
          {account ? <Avatar account={account} size={24} /> : null}
          <a id={titleId} className="post-account" href={postHref(post.id)}>
            {accountName(account)} · {KIND_LABEL[post.kind]}
            {post.kind === 'carousel' ? ` (${post.media.length})` : ''}
          </a>
          <PostStatusBadge post={post} />
          {post.mode === 'manual' && post.status === 'scheduled' ? <span className="muted">Manual</span> : null}
        </p>
        {showReason ? (
          // The queue is where the creator decides: the whole caption, as it will appear.
          <p className="post-caption post-caption-full">{post.caption || 'No caption'}</p>
        ) : (
          <p className="post-caption">{captionExcerpt(post.caption)}</p>
        )}
        <p className="post-when muted">
          <time dateTime={post.publishedAt ?? post.scheduledAt ?? post.updatedAt}>{whenText(post)}</time>
        </p>
        {showReason ? <p className="post-reason">{pendingReasonText(post)}</p> : null}
        {showReason && post.pendingReason === 'remind' ? <RemindCard post={post} /> : null}
        {unhealthy && account ? (
          <p className="post-warning">
            Reconnect @{account.username} first; the post will wait. <a href="#/accounts">Go to the accounts page</a>
          </p>
        ) : null}
        {post.error && (post.status === 'failed' || post.status === 'held') ? <PostProblem error={post.error} /> : null}
        {post.firstCommentError ? <PostProblem title="The first comment was not posted:" error={post.firstCommentError} /> : null}
      </div>
      <div className="post-row-actions">
        <PostActions post={post} describedBy={titleId} />
      </div>
    </li>
  );
}
