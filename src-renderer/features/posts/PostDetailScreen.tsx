import { useEffect, useRef, useState } from 'react';
import { appError } from '../../../src-shared/errors';
import type { AppError } from '../../../src-shared/errors';
import { awaitsMediaChoice, type Post } from '../../../src-shared/posts';
import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExternalLink } from '../../components/ExternalLink';
import { HealthBadge } from '../../components/HealthBadge';
import { Screen } from '../../components/Screen';
import { formatDateTime, formatPreciseTime } from '../../lib/format';
import { usePosts, useStores, useUi } from '../../stores/context';
import { accountName, attemptStepText, KIND_LABEL, nextStep } from './describe';
import { MediaChoice } from './MediaChoice';
import { PostActions } from './PostActions';
import { PostExtras } from './PostExtras';
import { PostMediaList } from './PostMediaList';
import { RemindCard } from './RemindCard';
import { PostProblem } from './PostProblem';
import { PostStatusBadge } from './PostStatusBadge';
import { usePostAccount } from './usePostAccount';
import { PostInsightsPanel } from '../insights/PostInsightsPanel';
import './posts.css';

const OUTCOME_LABEL: Record<Post['attempts'][number]['outcome'], string> = {
  ok: 'Done',
  retry: 'Will retry',
  failed: 'Failed',
  info: 'Note',
};

const MODE_TEXT: Record<Post['mode'], string> = {
  automatic: 'Automatic',
  manual: 'Manual: waits for your approval',
  remind: 'Remind me: you post it from your phone',
};

/** Everything about one post, its attempt log included: no post is ever stuck without a visible reason. */
export function PostDetailScreen({ postId }: { postId: string }) {
  const post = usePosts((s) => s.posts.find((p) => p.id === postId));
  const { posts } = useStores();
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const seen = useRef(false);
  if (post) seen.current = true;
  // Deleted elsewhere (another window, the CLI) while open: say so rather than "loading" forever.
  const error = loadError ?? (!post && seen.current ? appError('post_not_found') : null);

  // Read it afresh on opening: the list may be older, and the address may have been typed or reloaded.
  useEffect(() => {
    void posts
      .getState()
      .refresh(postId)
      .then((result) => setLoadError(result.ok ? null : result.error));
  }, [posts, postId]);

  return (
    <Screen
      name="post"
      title="Post details"
      head={<a href="#/posts">All posts</a>}
    >
      {post ? (
        <PostDetail post={post} />
      ) : error ? (
        <ErrorNotice error={error} onRetry={() => void posts.getState().refresh(postId)} />
      ) : (
        <p className="muted">Loading the post…</p>
      )}
    </Screen>
  );
}

function PostDetail({ post }: { post: Post }) {
  const account = usePostAccount(post.accountId);
  const navigate = useUi((s) => s.navigate);
  return (
    <>
      <div className="card post-summary">
        <p className="post-title">
          {account ? <Avatar account={account} size={32} /> : null}
          <span className="post-account" id="post-detail-title">
            {accountName(account)} · {KIND_LABEL[post.kind]}
          </span>
          <PostStatusBadge post={post} />
          {account && account.health.state !== 'healthy' ? <HealthBadge health={account.health} /> : null}
        </p>
        <p className="post-next" aria-live="polite">
          {nextStep(post, account)}
        </p>
        {account?.health.state === 'unhealthy' ? (
          <p>
            <a href="#/accounts">Go to the accounts page to reconnect @{account.username}</a>
          </p>
        ) : null}
        {post.error ? <PostProblem error={post.error} /> : null}
        {post.firstCommentError ? <PostProblem title="The first comment was not posted:" error={post.firstCommentError} /> : null}
        {awaitsMediaChoice(post) ? <MediaChoice post={post} account={account ?? undefined} /> : null}
        {post.status === 'pending_manual' && post.pendingReason === 'remind' ? <RemindCard post={post} /> : null}
        <PostActions
          post={post}
          describedBy="post-detail-title"
          onDeleted={() => navigate({ name: 'posts', tab: 'scheduled' }, { replace: true })}
        />
      </div>

      <div className="card">
        <h2>Post</h2>
        <dl className="facts">
          <dt>Account</dt>
          <dd>{accountName(account)}</dd>
          <dt>Kind</dt>
          <dd>{KIND_LABEL[post.kind]}</dd>
          <dt>Mode</dt>
          <dd>{MODE_TEXT[post.mode]}</dd>
          <PostExtras post={post} />
          <dt>Scheduled for</dt>
          <dd>{post.scheduledAt ? formatDateTime(post.scheduledAt) : 'Not scheduled'}</dd>
          {post.publishedAt ? (
            <>
              <dt>Published</dt>
              <dd>{formatDateTime(post.publishedAt)}</dd>
            </>
          ) : null}
          {post.permalink ? (
            <>
              <dt>On Instagram</dt>
              <dd>
                <ExternalLink permalink={post.permalink}>{post.permalink}</ExternalLink>
              </dd>
            </>
          ) : null}
          {post.retryAt ? (
            <>
              <dt>Tries again</dt>
              <dd>{formatDateTime(post.retryAt)}</dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd>{formatDateTime(post.createdAt)}</dd>
          <dt>Last changed</dt>
          <dd>{formatDateTime(post.updatedAt)}</dd>
        </dl>
        <h3>Media</h3>
        <PostMediaList post={post} />
        <h3>Caption</h3>
        <p className="post-caption-full">{post.caption || 'No caption'}</p>
        {post.firstComment ? (
          <>
            <h3>First comment</h3>
            <p className="post-caption-full">{post.firstComment}</p>
          </>
        ) : null}
      </div>

      {post.status === 'published' && post.igMediaId && post.accountId ? <PostInsightsPanel postId={post.id} accountId={post.accountId} carousel={post.kind === 'carousel'} /> : null}

      <AttemptLog post={post} />
    </>
  );
}

function AttemptLog({ post }: { post: Post }) {
  return (
    <div className="card">
      <h2 id="attempt-log-heading">Attempt log</h2>
      {post.attempts.length === 0 ? (
        <p className="muted">Nothing has been sent to Instagram for this post yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="attempt-log" aria-labelledby="attempt-log-heading">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Step</th>
                <th scope="col">Outcome</th>
                <th scope="col">Detail</th>
                <th scope="col">Instagram code</th>
              </tr>
            </thead>
            <tbody>
              {post.attempts.map((attempt, index) => (
                <tr key={index} className={`attempt-${attempt.outcome}`}>
                  <td>
                    <time dateTime={attempt.at}>{formatPreciseTime(attempt.at)}</time>
                  </td>
                  <td>{attemptStepText(attempt, post.kind)}</td>
                  <td>{OUTCOME_LABEL[attempt.outcome]}</td>
                  <td>{attempt.detail}</td>
                  <td>
                    {attempt.instagramCode !== undefined
                      ? `${attempt.instagramCode}${attempt.instagramSubcode !== undefined ? ` / ${attempt.instagramSubcode}` : ''}`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
