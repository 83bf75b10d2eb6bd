import type { Account } from '../../../src-shared/models';
import type { Post, PostAttempt, PostKind, PostStatus, PublishProgress } from '../../../src-shared/posts';
import type { BadgeTone } from '../../components/Badge';
import { excerpt, formatDateTime } from '../../lib/format';

/** Plain words for a post's parts, shared by the list, the queue and the detail. Pure. */
export const KIND_LABEL: Record<PostKind, string> = { image: 'Image', reel: 'Reel', carousel: 'Carousel', story: 'Story' };

export const STATUS_LABEL: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  pending_manual: 'Waiting for approval',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  held: 'Held',
};

export const STATUS_TONE: Record<PostStatus, BadgeTone> = {
  draft: 'neutral',
  scheduled: 'info',
  pending_manual: 'warning',
  publishing: 'info',
  published: 'success',
  failed: 'danger',
  held: 'warning',
};

/** The step a publishing post is at, in plain words. */
export const PROGRESS_LABEL: Record<PublishProgress, (kind: PostKind) => string> = {
  uploading: (kind) => (kind === 'carousel' ? 'Putting the media online…' : kind === 'reel' ? 'Putting the video online…' : 'Putting the photo online…'),
  processing: (kind) => (kind === 'reel' ? 'Instagram is processing the video; this can take a few minutes…' : 'Instagram is processing it…'),
  publishing: () => 'Publishing on Instagram…',
};

export function captionExcerpt(caption: string, max = 120): string {
  return excerpt(caption, max) || 'No caption';
}

export function pendingReasonText(post: Pick<Post, 'pendingReason' | 'scheduledAt'>): string {
  const slot = post.scheduledAt ? formatDateTime(post.scheduledAt) : null;
  if (post.pendingReason === 'remind') {
    return `A reminder: post it from your phone, then mark it as posted${slot ? ` (its time was ${slot})` : ''}.`;
  }
  if (post.pendingReason === 'missed_slot') {
    return `Missed its slot while Postdeck was closed${slot ? ` (${slot})` : ''}.`;
  }
  return `Manual mode: waits for your approval${slot ? ` (its slot was ${slot})` : ''}.`;
}

/** The one line that says where the post stands and what happens next, so no post is ever a mystery. */
export function nextStep(post: Post, account: Pick<Account, 'username' | 'health'> | null | undefined): string {
  const at = (iso: string | null) => (iso ? formatDateTime(iso) : 'an unknown time');
  const unhealthy = account?.health.state === 'unhealthy';
  const waitsFor = unhealthy ? ` Reconnect @${account.username} first; the post will wait.` : '';
  switch (post.status) {
    case 'draft':
      return post.accountId === null || post.media.length === 0
        ? 'An idea: add the account and media when you are ready, then schedule it. Nothing goes out until then.'
        : 'A draft: nothing goes out until you schedule it or publish it now.';
    case 'scheduled':
      if (post.mode === 'remind') return `At ${at(post.scheduledAt)} Postdeck reminds you to post it from your phone, with the media ready.`;
      return post.mode === 'manual'
        ? `At ${at(post.scheduledAt)} it waits for your approval; nothing goes out without it.${waitsFor}`
        : `Publishes by itself at ${at(post.scheduledAt)}.${waitsFor}`;
    case 'pending_manual':
      return post.pendingReason === 'remind' ? pendingReasonText(post) : `${pendingReasonText(post)} Approve publishes it now.${waitsFor}`;
    case 'publishing':
      return 'Postdeck is publishing it now; this page updates by itself.';
    case 'published':
      return `Published ${at(post.publishedAt)}.`;
    // The error itself shows right below this line, once (PostProblem); here only what happens next.
    case 'held': {
      const retry = post.retryAt ? ` It tries again by itself at ${at(post.retryAt)}.` : '';
      return `Held until the problem below is fixed.${retry}`;
    }
    case 'failed':
      return 'Instagram did not publish it; the attempt log below shows each step.';
  }
}

const PROCESSING: Record<PostKind, string> = {
  image: 'Waiting for Instagram to process the photo',
  reel: 'Waiting for Instagram to process the video',
  carousel: 'Waiting for Instagram to process the media',
  story: 'Waiting for Instagram to process the Story',
};

/**
 * An attempt's step in words. The log stores publishing's state names, and a state names what was done
 * when the step succeeds (`container_created`: created) but what was under way when it did not (then:
 * waiting for the processing), so the outcome decides between the two.
 */
export function attemptStepText(attempt: Pick<PostAttempt, 'step' | 'outcome'>, kind: PostKind): string {
  const done = attempt.outcome === 'ok';
  switch (attempt.step) {
    case 'start':
      return 'Getting ready to publish';
    case 'schedule':
      return 'Scheduling';
    case 'uploading':
      return 'Creating the post on Instagram';
    case 'container_created':
      return done ? 'Creating the post on Instagram' : PROCESSING[kind];
    case 'container_ready':
      return done ? PROCESSING[kind] : 'Publishing';
    case 'reconcile':
      return 'Checking whether Instagram published it';
    case 'commenting':
    case 'first_comment':
    case 'finished':
      return 'Posting the first comment';
    default:
      // publish_requested, media_publish, published, and any step a newer Postdeck logs.
      return 'Publishing';
  }
}

/** When the post is (or was) due, as the list shows it. */
export function whenText(post: Post): string {
  if (post.status === 'published' && post.publishedAt) return `Published ${formatDateTime(post.publishedAt)}`;
  if (post.scheduledAt) return `${post.status === 'draft' ? 'Planned for' : 'Scheduled for'} ${formatDateTime(post.scheduledAt)}`;
  return `Last changed ${formatDateTime(post.updatedAt)}`;
}

/** `null`: a draft saved as an idea, before an account was chosen. */
export function accountName(account: Pick<Account, 'username'> | null | undefined): string {
  if (account === null) return 'No account yet';
  return account ? `@${account.username}` : 'a disconnected account';
}
