import { useState } from 'react';
import type { Comment } from '../../../src-shared/comments';
import type { AppError } from '../../../src-shared/errors';
import { AccountPicker } from '../../components/AccountPicker';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { formatDateTime } from '../../lib/format';
import { useAccounts } from '../../stores/context';
import { captionLine, COMMENTS_PAGE, replyBlocked } from './inbox';
import { useCommentActions, useCommentsInbox } from './useComments';
import './comments.css';

type Run = (work: () => Promise<{ ok: true } | { ok: false; error: AppError }>) => Promise<boolean>;

/**
 * One inbox across accounts, newest first. What is unread when shown is marked read at once, and keeps its
 * "New" mark until the user leaves, so they can see what arrived.
 */
export function CommentsScreen() {
  const accounts = useAccounts((s) => s.accounts);
  const [accountId, setAccountId] = useState<string>('');
  const [shown, setShown] = useState(COMMENTS_PAGE);
  const { threads, hasOlder, error, refreshing, fresh, load, refresh } = useCommentsInbox(accountId, shown);

  const username = (id: string) => accounts.find((a) => a.id === id)?.username ?? '';
  return (
    <Screen
      name="comments"
      title="Comments"
      head={
        <>
          <AccountPicker
            accounts={accounts}
            value={accountId}
            everyone="All accounts"
            onChange={(id) => {
              setAccountId(id);
              setShown(COMMENTS_PAGE);
            }}
          />
          <button type="button" className="button button-secondary" onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Checking…' : 'Check now'}
          </button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {threads === null ? (
        <p className="muted">Loading comments…</p>
      ) : threads.length === 0 ? (
        <p className="muted">No comments yet. Postdeck checks recent posts every few minutes and older ones hourly.</p>
      ) : (
        <>
          <ol className="comment-list" aria-label="Comments, newest first">
            {threads.map((thread) => (
              <CommentThread key={thread.id} thread={thread} owner={username(thread.accountId)} fresh={fresh} />
            ))}
          </ol>
          {hasOlder ? (
            <button type="button" className="button button-secondary" onClick={() => setShown((n) => n + COMMENTS_PAGE)}>
              Show older comments
            </button>
          ) : null}
        </>
      )}
    </Screen>
  );
}

function CommentThread({ thread, owner, fresh }: { thread: Comment; owner: string; fresh: ReadonlySet<string> }) {
  const actions = useCommentActions();
  const [error, setError] = useState<AppError | null>(null);
  const [replying, setReplying] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const run: Run = async (work) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    setError(result.ok ? null : result.error);
    return result.ok;
  };
  const sendReply = async () => {
    const sent = await run(async () => {
      const result = await actions.reply(thread.id, message);
      return result.ok ? { ok: true } : result;
    });
    if (sent) {
      setMessage('');
      setReplying(false);
    }
  };
  const blocked = replyBlocked(thread, false);
  return (
    <li className="comment-thread card">
      <div className="comment-post">
        {thread.post?.thumbnailUrl ? <img src={thread.post.thumbnailUrl} alt="" width={48} height={48} className="comment-thumb" /> : <span className="comment-thumb" aria-hidden />}
        <span className="muted">
          On @{owner}’s post: {captionLine(thread.post?.caption)}
        </span>
        {thread.post ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => void run(() => actions.setCommentsEnabled(thread.igMediaId, !thread.post!.commentsEnabled))}
          >
            {thread.post.commentsEnabled ? 'Turn comments off' : 'Turn comments on'}
          </button>
        ) : null}
      </div>
      <CommentBody comment={thread} fresh={fresh} busy={busy} run={run} />
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      {thread.replies.length > 0 ? (
        <ol className="comment-replies" aria-label={`Replies to @${thread.username}`}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentBody comment={reply} fresh={fresh} busy={busy} run={run} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <form
          className="comment-reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            void sendReply();
          }}
        >
          <label>
            Reply to @{thread.username}
            <textarea value={message} onChange={(e) => setMessage(e.target.value)} maxLength={2200} rows={2} required />
          </label>
          <button type="submit" className="button button-primary" disabled={busy || message.trim() === ''}>
            {busy ? 'Sending…' : 'Send reply'}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setReplying(false)}>
            Cancel
          </button>
        </form>
      ) : blocked ? (
        <p className="muted">{blocked}</p>
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setReplying(true)}>
          Reply
        </button>
      )}
    </li>
  );
}

function CommentBody({ comment, fresh, busy, run }: { comment: Comment; fresh: ReadonlySet<string>; busy: boolean; run: Run }) {
  const actions = useCommentActions();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className={`comment${comment.hidden ? ' comment-hidden' : ''}`}>
      <p className="comment-meta">
        <strong>@{comment.username}</strong> <time dateTime={comment.timestamp}>{formatDateTime(comment.timestamp)}</time>
        {fresh.has(comment.id) ? <span className="badge badge-info"> New</span> : null}
        {comment.hidden ? <span className="badge badge-neutral"> Hidden</span> : null}
      </p>
      <p className="comment-text">{comment.text}</p>
      <div className="comment-actions">
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void run(() => actions.hide(comment.id, !comment.hidden))}>
          {comment.hidden ? 'Unhide' : 'Hide'}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Delete this comment?"
          confirmLabel="Delete"
          busyLabel="Deleting…"
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void run(() => actions.remove(comment.id)).then((deleted) => {
              if (deleted) setConfirming(false);
            })
          }
        >
          <p>
            @{comment.username}’s comment is deleted on Instagram{comment.replies.length > 0 ? ', with its replies' : ''}. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
