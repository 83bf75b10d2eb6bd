import { useId, useState } from 'react';
import type { Post } from '../../../src-shared/posts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExternalLink } from '../../components/ExternalLink';
import { instagramPostLink, NOT_AN_INSTAGRAM_LINK } from '../../../src-shared/externalLinks';
import { formatRoute } from '../../lib/routes';
import { isoToLocalInput, localInputToIso, suggestedSlot, timeZoneLabel } from '../../lib/localTime';
import { usePosts, useStores, useUi } from '../../stores/context';
import type { PostBusy } from './store';
import { slotProblem } from './composerForm';
import { ApproveDialog, approveWithUndo } from './ApproveDialog';

interface Props {
  post: Post;
  /** The id of the element naming the post (its row title), so each button says which post it acts on. */
  describedBy?: string;
  /** Where to go once the post is deleted (the detail page leaves; lists stay). */
  onDeleted?: () => void;
}

const BUSY_LABEL: Record<PostBusy, string> = {
  approved: 'Approved; publishing in a few seconds…',
  approving: 'Approving…',
  publishing: 'Publishing…',
  unscheduling: 'Unscheduling…',
  deleting: 'Deleting…',
  saving: 'Saving…',
  commenting: 'Posting the first comment…',
  marking: 'Marking as posted…',
};

/** The next actions a post's status allows, the same wherever the post is shown. */
export function PostActions({ post, describedBy, onDeleted }: Props) {
  const { posts } = useStores();
  const navigate = useUi((s) => s.navigate);
  const busy = usePosts((s) => s.busy[post.id]);
  const error = usePosts((s) => s.errors[post.id]);
  const [confirming, setConfirming] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [marking, setMarking] = useState(false);
  const status = post.status;
  const editable = status !== 'publishing' && status !== 'published';
  const pending = status === 'pending_manual';
  // A reminder is the user's to post by hand: Postdeck does not publish it, so there is nothing to approve.
  const reminder = pending && post.pendingReason === 'remind';
  const disabled = busy !== undefined;

  const button = (label: string, onClick: () => void, tone: 'primary' | 'secondary' | 'danger-quiet' = 'secondary') => (
    <button type="button" className={`button button-${tone}`} aria-describedby={describedBy} disabled={disabled} onClick={onClick}>
      {label}
    </button>
  );
  const run = (action: 'publishNow' | 'cancel') => () => void posts.getState()[action](post.id);

  return (
    <div className="post-actions">
      <div className="toolbar">
        {reminder && !marking ? button('Mark as posted', () => setMarking(true), 'primary') : null}
        {pending && !reminder ? button('Approve', () => setReviewing(true), 'primary') : null}
        {status === 'failed' ? button('Publish again', run('publishNow'), 'primary') : null}
        {/* An idea (no account or media yet) is finished in the composer first. */}
        {(status === 'draft' && post.accountId !== null && post.media.length > 0) || status === 'scheduled' ? button('Publish now', run('publishNow')) : null}
        {editable ? button('Edit', () => navigate({ name: 'composer', postId: post.id })) : null}
        {pending && !reminder ? button('Reschedule', () => setRescheduling(true)) : null}
        {status === 'scheduled' || status === 'held' ? button('Unschedule', run('cancel')) : null}
        {status === 'published' && post.permalink ? (
          <ExternalLink className="button button-secondary" permalink={post.permalink}>
            View on Instagram
          </ExternalLink>
        ) : null}
        {editable ? button(pending ? 'Discard' : 'Delete', () => setConfirming(true), 'danger-quiet') : null}
        {busy ? (
          <span className="muted" role="status">
            {BUSY_LABEL[busy]}
          </span>
        ) : null}
      </div>
      {error && !confirming ? <ErrorNotice error={error} onDismiss={() => posts.getState().clearError(post.id)} /> : null}
      {rescheduling ? <RescheduleForm post={post} onDone={() => setRescheduling(false)} /> : null}
      {marking && reminder ? <MarkPostedForm post={post} disabled={disabled} onDone={() => setMarking(false)} /> : null}
      {reviewing ? (
        <ApproveDialog
          post={post}
          onCancel={() => setReviewing(false)}
          onApprove={() => {
            setReviewing(false);
            approveWithUndo(posts, post);
          }}
        />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={pending ? 'Discard this post?' : 'Delete this post?'}
          confirmLabel={pending ? 'Discard' : 'Delete'}
          busyLabel={pending ? 'Discarding…' : 'Deleting…'}
          busy={busy === 'deleting'}
          error={error ? <ErrorNotice error={error} /> : null}
          onCancel={() => {
            setConfirming(false);
            posts.getState().clearError(post.id);
          }}
          onConfirm={() =>
            void posts
              .getState()
              .delete(post.id)
              .then((result) => {
                if (!result.ok) return;
                setConfirming(false);
                onDeleted?.();
              })
          }
        >
          <p>Postdeck removes it from this computer and it will not be published. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** A reminder posted by hand: its link on Instagram (optional), which its page then links to. */
function MarkPostedForm({ post, disabled, onDone }: { post: Post; disabled: boolean; onDone(): void }) {
  const { posts } = useStores();
  const id = useId();
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function save() {
    const permalink = link.trim() ? instagramPostLink(link) : undefined;
    if (permalink === null) {
      setProblem(NOT_AN_INSTAGRAM_LINK);
      return;
    }
    setProblem(null);
    const result = await posts.getState().markPosted(post.id, permalink);
    if (result.ok) onDone();
  }

  return (
    <div className="mark-posted" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label">
        Mark as posted
      </p>
      <div className="field">
        <label htmlFor={`${id}-link`}>Its link on Instagram (optional)</label>
        <input
          id={`${id}-link`}
          type="url"
          inputMode="url"
          placeholder="https://www.instagram.com/…"
          value={link}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-help${problem ? ` ${id}-problem` : ''}`}
          onChange={(e) => setLink(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
        />
        <p id={`${id}-help`} className="field-help">
          In Instagram, choose Share, then Copy link. The post’s page here then links to it.
        </p>
        {problem ? (
          <p id={`${id}-problem`} className="field-error">
            {problem}
          </p>
        ) : null}
      </div>
      <div className="toolbar">
        <button type="button" className="button button-primary" disabled={disabled} onClick={() => void save()}>
          Mark as posted
        </button>
        <button type="button" className="button button-secondary" disabled={disabled} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** A new slot for a post waiting for approval, and whether it then still needs a yes. */
function RescheduleForm({ post, onDone }: { post: Post; onDone(): void }) {
  const { posts } = useStores();
  const id = useId();
  const [when, setWhen] = useState(() => {
    const slot = Date.parse(post.scheduledAt ?? '');
    return slot > Date.now() ? isoToLocalInput(slot) : suggestedSlot(Date.now());
  });
  const [automatic, setAutomatic] = useState(post.mode === 'automatic' || post.pendingReason === 'missed_slot');
  const [problem, setProblem] = useState<string | null>(null);

  async function save() {
    const iso = localInputToIso(when);
    const slotRefusal = iso ? slotProblem(Date.parse(iso), Date.now()) : 'Choose the new date and time.';
    if (slotRefusal) {
      setProblem(slotRefusal);
      return;
    }
    setProblem(null);
    const result = await posts.getState().update({ postId: post.id, scheduledAt: iso, mode: automatic ? 'automatic' : 'manual' });
    if (result.ok) onDone();
  }

  return (
    <div className="reschedule" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label">
        Reschedule
      </p>
      <div className="field">
        <label htmlFor={`${id}-when`}>New date and time</label>
        <input
          id={`${id}-when`}
          type="datetime-local"
          value={when}
          min={isoToLocalInput(Date.now())}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-zone${problem ? ` ${id}-problem` : ''}`}
          onChange={(e) => setWhen(e.target.value)}
        />
        <p id={`${id}-zone`} className="field-help">
          Your time zone: {timeZoneLabel()}
        </p>
        {problem ? (
          <p id={`${id}-problem`} className="field-error">
            {problem}
          </p>
        ) : null}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={automatic} onChange={(e) => setAutomatic(e.target.checked)} />
        Publish automatically at that time (no approval needed)
      </label>
      <div className="toolbar">
        <button type="button" className="button button-primary" onClick={() => void save()}>
          Save new time
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The address of a post's detail page, for links. */
export function postHref(postId: string): string {
  return formatRoute({ name: 'post', postId });
}
