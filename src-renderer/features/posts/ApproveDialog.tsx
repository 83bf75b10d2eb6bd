import { altTextOf, type Post } from '../../../src-shared/posts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { dismissToast, errorToast, infoToast, undoToast } from '../../components/Toasts';
import { accountName, captionExcerpt, KIND_LABEL } from './describe';
import { MediaThumb } from './MediaThumb';
import { APPROVE_UNDO_MS, type PostsStore } from './store';
import { usePostAccount } from './usePostAccount';

/** Before a yes: the picture and the whole caption, as they will go out. */
export function ApproveDialog({ post, onApprove, onCancel }: { post: Post; onApprove(): void; onCancel(): void }) {
  const account = usePostAccount(post.accountId);
  return (
    <ConfirmDialog title="Publish this post now?" confirmLabel="Approve and publish" confirmTone="primary" onConfirm={onApprove} onCancel={onCancel}>
      <div className="approve-preview">
        <MediaThumb item={post.media[0]} kind={post.kind} size="large" cover={post.reelCover} alt={altTextOf(post, 0)} />
        <div className="approve-text">
          <p className="approve-who">
            {accountName(account)} · {KIND_LABEL[post.kind]}
            {post.kind === 'carousel' ? ` (${post.media.length})` : ''}
          </p>
          <p className="approve-caption">{post.caption || 'No caption'}</p>
          <p className="muted">It goes out on Instagram a few seconds after you approve; until then you can undo.</p>
        </div>
      </div>
    </ConfirmDialog>
  );
}

/**
 * Approves after an Undo window: the approval is only sent once the toast's Undo can no longer be pressed,
 * so an undone post was never on its way (nothing can publish it twice or by mistake).
 */
export function approveWithUndo(posts: PostsStore, post: Post) {
  const toastId = `approve-${post.id}`;
  const name = `“${captionExcerpt(post.caption, 40)}”`;
  undoToast(
    `Approved: ${name} publishes in a few seconds`,
    () => {
      if (posts.getState().undoApproval(post.id)) infoToast(`${name} is back in the queue, not approved`);
      else infoToast(`Too late to undo: ${name} is being published`);
    },
    { id: toastId, durationMs: APPROVE_UNDO_MS },
  );
  void posts
    .getState()
    .approveAfterUndoWindow(post.id)
    .then((result) => {
      dismissToast(toastId);
      if (result && !result.ok) errorToast(result.error);
    });
}
