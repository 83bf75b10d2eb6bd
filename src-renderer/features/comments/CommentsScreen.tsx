import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useAutoGrow } from '../../lib/useAutoGrow';
import type { Comment } from '../../../src-shared/comments';
import type { AppError } from '../../../src-shared/errors';
import type { Result } from '../../../src-shared/errors';
import type { PrivateReplyStatus } from '../../../src-shared/messages';
import { MESSAGE_MAX_CHARS } from '../../../src-shared/messages';
import type { Account } from '../../../src-shared/models';
import { AccountPicker } from '../../components/AccountPicker';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExternalLink } from '../../components/ExternalLink';
import { Screen } from '../../components/Screen';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useAccounts, useInbox } from '../../stores/context';
import { captionLine, COMMENTS_PAGE, groupByPost, isUnread, replyBlocked, threadMarkable, type PostGroup } from './inbox';
import { useCommentActions, useCommentsInbox, usePrivateReplies } from './useComments';
import './comments.css';

type Run = (work: () => Promise<{ ok: true } | { ok: false; error: AppError }>) => Promise<boolean>;
type PrivateReplies = ReturnType<typeof usePrivateReplies>;

const commentDomId = (id: string) => `comment-${id}`;
const END_ID = 'comments-end';

/**
 * One inbox across accounts: threads grouped by post, the newest first. Nothing is marked read by being
 * shown; opening a thread to reply, or "Mark read", does.
 */
export function CommentsScreen() {
  const accounts = useAccounts((s) => s.accounts);
  const unread = useInbox((s) => s.unread);
  const [accountId, setAccountId] = useState<string>('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [shown, setShown] = useState(COMMENTS_PAGE);
  const { threads, hasOlder, error, refreshing, load, refresh } = useCommentsInbox(accountId, shown, unreadOnly);
  const groups = useMemo(() => groupByPost(threads ?? []), [threads]);
  const privateReplies = usePrivateReplies(threads);
  const olderButton = useRef<HTMLButtonElement>(null);
  // The threads shown when "Show older comments" was pressed: focus goes to the first one after them.
  const shownBefore = useRef<ReadonlySet<string> | null>(null);
  // The thread last acted on and its place: when it leaves the list (read under Unread, deleted), focus goes
  // to the thread now in its place, not to the page.
  const actedOn = useRef<{ id: string; index: number } | null>(null);
  const onAct = (threadId: string) => {
    actedOn.current = { id: threadId, index: groups.flatMap((g) => g.threads).findIndex((t) => t.id === threadId) };
  };

  useEffect(() => {
    const acted = actedOn.current;
    if (!acted || !threads || threads.some((t) => t.id === acted.id)) return;
    actedOn.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const order = groups.flatMap((g) => g.threads);
    const next = order[Math.min(acted.index, order.length - 1)];
    document.getElementById(next ? commentDomId(next.id) : 'comments-heading')?.focus();
  }, [threads, groups]);

  useEffect(() => {
    const before = shownBefore.current;
    if (!before || !threads) return;
    shownBefore.current = null;
    const added = groups.flatMap((g) => g.threads).find((t) => !before.has(t.id));
    const target = added ? document.getElementById(commentDomId(added.id)) : hasOlder ? olderButton.current : document.getElementById(END_ID);
    target?.focus();
  }, [threads, groups, hasOlder]);

  const page = (change: () => void) => {
    change();
    setShown(COMMENTS_PAGE);
  };
  return (
    <Screen
      name="comments"
      title="Comments"
      head={
        <div className="inbox-head">
          <div className="segmented inbox-filter" role="group" aria-label="Show">
            <button type="button" aria-pressed={!unreadOnly} onClick={() => page(() => setUnreadOnly(false))}>
              All
            </button>
            <button type="button" aria-pressed={unreadOnly} onClick={() => page(() => setUnreadOnly(true))}>
              Unread{unread > 0 ? <span className="inbox-filter-count"> {unread}</span> : null}
            </button>
          </div>
          <AccountPicker accounts={accounts} value={accountId} everyone="All accounts" onChange={(id) => page(() => setAccountId(id))} />
          <button type="button" className="button button-secondary" onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Checking…' : 'Check now'}
          </button>
        </div>
      }
    >
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {threads === null ? (
        <p className="muted">Loading comments…</p>
      ) : threads.length === 0 ? (
        <p className="muted inbox-empty">
          {unreadOnly
            ? 'All caught up: no unread comments.'
            : 'No comments yet. Postdeck checks recent posts every few minutes and older ones hourly.'}
        </p>
      ) : (
        <>
          <div className="inbox-posts">
            {groups.map((group) => (
              <PostComments
                key={group.igMediaId}
                group={group}
                account={accounts.find((a) => a.id === group.accountId)}
                privateReplies={privateReplies}
                onAct={onAct}
              />
            ))}
          </div>
          {hasOlder ? (
            <button
              ref={olderButton}
              type="button"
              className="button button-secondary inbox-older"
              onClick={() => {
                shownBefore.current = new Set(threads.map((t) => t.id));
                setShown((n) => n + COMMENTS_PAGE);
              }}
            >
              Show older comments
            </button>
          ) : (
            <p id={END_ID} tabIndex={-1} className="muted inbox-end">
              {unreadOnly ? 'That is every unread comment.' : 'That is every comment from the last 30 days.'}
            </p>
          )}
        </>
      )}
    </Screen>
  );
}

/** One post's threads, headed by its thumbnail and the start of its caption. */
function PostComments({
  group,
  account,
  privateReplies,
  onAct,
}: {
  group: PostGroup;
  account: Account | undefined;
  privateReplies: PrivateReplies;
  onAct: (threadId: string) => void;
}) {
  const actions = useCommentActions();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `post-${group.igMediaId}`;
  const unread = group.threads.reduce((n, t) => n + [t, ...t.replies].filter(isUnread).length, 0);
  const toggleComments = async (enabled: boolean) => {
    setBusy(true);
    const result = await actions.setCommentsEnabled(group.igMediaId, enabled);
    setBusy(false);
    setError(result.ok ? null : result.error);
  };
  return (
    <section className="inbox-post card" aria-labelledby={headingId}>
      <header className="inbox-post-head">
        <PostThumb url={group.post?.thumbnailUrl ?? null} />
        <div className="inbox-post-title">
          <h2 id={headingId}>{captionLine(group.post?.caption)}</h2>
          <p className="muted">
            @{account?.username ?? ''} · {group.threads.length === 1 ? '1 thread' : `${group.threads.length} threads`}
            {unread > 0 ? <span className="inbox-post-unread"> · {unread} unread</span> : null}
          </p>
        </div>
        {group.post?.permalink ? (
          <ExternalLink permalink={group.post.permalink} className="inbox-post-link">
            View on Instagram
          </ExternalLink>
        ) : null}
        {group.post ? (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void toggleComments(!group.post!.commentsEnabled)}>
            {group.post.commentsEnabled ? 'Turn comments off' : 'Turn comments on'}
          </button>
        ) : null}
      </header>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <ul className="inbox-threads" aria-label={`Comments on ${captionLine(group.post?.caption, 40)}`}>
        {group.threads.map((thread) => (
          <CommentThread
            key={thread.id}
            thread={thread}
            account={account}
            privateReply={privateReplies.statuses[thread.id]}
            replyPrivately={privateReplies.replyPrivately}
            onAct={() => onAct(thread.id)}
          />
        ))}
      </ul>
    </section>
  );
}

/** The post's picture, or a plain square when there is none or it does not load. */
function PostThumb({ url }: { url: string | null }) {
  const [failed, setFailed] = useState(false);
  if (!url || failed) return <span className="inbox-thumb" aria-hidden />;
  return <img src={url} alt="" width={56} height={56} className="inbox-thumb" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
}

/** Why "Reply privately" cannot be used on a comment, in Instagram's rule; null while it can. */
const PRIVATE_REPLY_CLOSED: Record<'used' | 'expired', string> = {
  used: 'Sent privately: Instagram allows one private reply per comment.',
  expired: 'Instagram takes a private reply only within 7 days of the comment.',
};

function CommentThread({
  thread,
  account,
  privateReply,
  replyPrivately,
  onAct,
}: {
  thread: Comment;
  account: Account | undefined;
  /** Absent while messages are off for the account (or not yet known). */
  privateReply: PrivateReplyStatus | undefined;
  replyPrivately: PrivateReplies['replyPrivately'];
  onAct: () => void;
}) {
  const actions = useCommentActions();
  const [error, setError] = useState<AppError | null>(null);
  const [replying, setReplying] = useState(false);
  const [replyingPrivately, setReplyingPrivately] = useState(false);
  const [busy, setBusy] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const run: Run = async (work) => {
    onAct();
    setBusy(true);
    const result = await work();
    setBusy(false);
    setError(result.ok ? null : result.error);
    return result.ok;
  };
  const markThread = (read: boolean) => run(() => actions.setRead(threadMarkable(thread, read), read).then((r) => (r.ok ? { ok: true } : r)));
  // Opening a thread to answer it is reading it; marked when the box closes, so the Unread filter keeps it meanwhile.
  // Closing the box puts focus back on Reply, where the user opened it.
  const focusReply = useRef(false);
  useEffect(() => {
    if (replying || !focusReply.current) return;
    focusReply.current = false;
    replyButton.current?.focus();
  }, [replying]);
  const closeReply = () => {
    focusReply.current = true;
    setReplying(false);
    if (threadMarkable(thread, true).length > 0) void markThread(true);
  };
  const closePrivateReply = (sent: boolean) => {
    setReplyingPrivately(false);
    // Sent: the button is now off, so focus goes to the comment, whose note says why.
    if (sent) document.getElementById(commentDomId(thread.id))?.focus();
  };
  // Not offered at all while messages are off or on the account's own comment.
  const privateShown = privateReply !== undefined && privateReply.state !== 'off' && privateReply.state !== 'own';
  const privateClosed = privateReply?.state === 'used' || privateReply?.state === 'expired' ? PRIVATE_REPLY_CLOSED[privateReply.state] : null;
  const privateReasonId = `private-reply-${thread.id}`;
  const blocked = replyBlocked(thread, false);
  const anyUnread = [thread, ...thread.replies].some(isUnread);
  const threadMark = thread.replies.length > 0 && [thread, ...thread.replies].some((c) => !c.own);
  return (
    <li className={`comment-thread${anyUnread ? ' comment-thread-unread' : ''}`}>
      <CommentItem comment={thread} account={account} busy={busy} run={run} avatarSize={32}>
        {blocked || replying ? null : (
          <button ref={replyButton} type="button" className="button button-quiet comment-reply-button" onClick={() => setReplying(true)}>
            Reply
          </button>
        )}
        {!privateShown || replyingPrivately ? null : (
          <>
            <button
              type="button"
              className="button button-quiet comment-reply-button"
              disabled={privateClosed !== null}
              aria-describedby={privateClosed ? privateReasonId : undefined}
              onClick={() => setReplyingPrivately(true)}
            >
              Reply privately
            </button>
            {privateClosed ? (
              <span id={privateReasonId} className="comment-private-closed">
                {privateClosed}
              </span>
            ) : null}
          </>
        )}
      </CommentItem>
      {thread.replies.length > 0 ? (
        <ul className="comment-replies" aria-label={`Replies to @${thread.username}`}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} account={account} busy={busy} run={run} avatarSize={24} />
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      {replying ? (
        <ReplyForm
          account={account}
          label={`Reply to @${thread.username}`}
          placeholder={`Reply to @${thread.username}…`}
          submitLabel="Send reply"
          maxLength={2200}
          send={(text) => actions.reply(thread.id, text)}
          onDone={closeReply}
        />
      ) : null}
      {replyingPrivately ? (
        <ReplyForm
          account={account}
          label={`Private message to @${thread.username}`}
          placeholder={`A direct message to @${thread.username}…`}
          submitLabel="Send privately"
          maxLength={MESSAGE_MAX_CHARS}
          hint={`Goes to @${thread.username}’s direct messages, not under the post. Instagram allows one private reply per comment.`}
          send={(text) => replyPrivately(thread.id, text)}
          onDone={closePrivateReply}
        />
      ) : null}
      {blocked || threadMark ? (
        <div className="comment-thread-actions">
          {blocked ? <p className="muted">{blocked}</p> : null}
          {threadMark ? (
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => void markThread(anyUnread)}>
              {anyUnread ? 'Mark thread read' : 'Mark thread unread'}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** One comment or reply: who, when, what, and what can be done to it. */
function CommentItem({
  comment,
  account,
  busy,
  run,
  avatarSize,
  children,
}: {
  comment: Comment;
  account: Account | undefined;
  busy: boolean;
  run: Run;
  avatarSize: 32 | 24;
  /** Actions before the usual ones (Reply, on a thread's first comment). */
  children?: ReactNode;
}) {
  const actions = useCommentActions();
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const unread = isUnread(comment);
  const setRead = (read: boolean) => run(() => actions.setRead([comment.id], read).then((r) => (r.ok ? { ok: true } : r)));
  const person = comment.own && account ? account : { username: comment.username, name: null, pictureUrl: null };
  return (
    <div
      id={commentDomId(comment.id)}
      tabIndex={-1}
      className={`comment${comment.hidden ? ' comment-hidden' : ''}${unread ? ' comment-unread' : ''}`}
      aria-label={`@${comment.username}${unread ? ', unread' : ''}`}
      role="group"
    >
      <Avatar account={person} size={avatarSize} />
      <div className="comment-main">
        <p className="comment-meta">
          <strong>{comment.username ? `@${comment.username}` : 'Instagram user'}</strong>
          {comment.own ? <span className="badge badge-neutral">You</span> : null}
          <time dateTime={comment.timestamp} title={formatDateTime(comment.timestamp)}>
            {formatRelative(comment.timestamp, now)}
          </time>
          {unread ? <span className="badge badge-info">New</span> : null}
          {comment.hidden ? <span className="badge badge-neutral">Hidden</span> : null}
        </p>
        <p className="comment-text">{comment.text}</p>
        <div className="comment-actions">
          {children}
          {comment.own ? null : (
            <>
              <button type="button" className="button button-quiet" disabled={busy} onClick={() => void setRead(unread)}>
                {unread ? 'Mark read' : 'Mark unread'}
              </button>
              <button type="button" className="button button-quiet" disabled={busy} onClick={() => void run(() => actions.hide(comment.id, !comment.hidden))}>
                {comment.hidden ? 'Unhide' : 'Hide'}
              </button>
            </>
          )}
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
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

/**
 * A reply box under a thread, public or private: it grows with its text, so a long answer stays readable while
 * typed. `onDone(sent)` closes it.
 */
function ReplyForm({
  account,
  label,
  placeholder,
  submitLabel,
  maxLength,
  hint,
  send: sendText,
  onDone,
}: {
  account: Account | undefined;
  label: string;
  placeholder: string;
  submitLabel: string;
  maxLength: number;
  hint?: string;
  send: (text: string) => Promise<Result<unknown>>;
  onDone: (sent: boolean) => void;
}) {
  const [message, setMessage] = useState('');
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const box = useAutoGrow(message);
  const send = async () => {
    setBusy(true);
    const result = await sendText(message);
    setBusy(false);
    if (result.ok) onDone(true);
    else setError(result.error);
  };
  return (
    <form
      className="comment-reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {account ? <Avatar account={account} size={24} /> : null}
      <label className="comment-reply-field">
        <span className="visually-hidden">{label}</span>
        <textarea
          ref={box}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          maxLength={maxLength}
          rows={1}
          required
          autoFocus
          aria-describedby={hint ? hintId : undefined}
          placeholder={placeholder}
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy || message.trim() === ''}>
        {busy ? 'Sending…' : submitLabel}
      </button>
      <button type="button" className="button button-quiet" onClick={() => onDone(false)}>
        Cancel
      </button>
      {hint ? (
        <p id={hintId} className="muted comment-reply-hint">
          {hint}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
    </form>
  );
}
