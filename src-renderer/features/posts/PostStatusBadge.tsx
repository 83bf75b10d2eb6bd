import type { Post } from '../../../src-shared/posts';
import { Badge } from '../../components/Badge';
import { PROGRESS_LABEL, STATUS_LABEL, STATUS_TONE } from './describe';

/** The post's status, and while it is publishing, the step it is at (Instagram processing a Reel can take minutes). */
export function PostStatusBadge({ post }: { post: Pick<Post, 'status' | 'progress' | 'kind' | 'pendingReason'> }) {
  const reminder = post.status === 'pending_manual' && post.pendingReason === 'remind';
  return (
    <>
      <Badge tone={STATUS_TONE[post.status]}>{reminder ? 'Time to post it' : STATUS_LABEL[post.status]}</Badge>
      {post.progress ? (
        <span className="post-progress" role="status">
          {PROGRESS_LABEL[post.progress](post.kind)}
        </span>
      ) : null}
    </>
  );
}
