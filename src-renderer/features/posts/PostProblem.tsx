import type { PostError } from '../../../src-shared/posts';

/** Why a post is held or failed, as stored on it: the sentence and what fixes it. Static, not an alert. */
export function PostProblem({ error, title }: { error: PostError; title?: string }) {
  return (
    <div className="notice notice-error post-problem">
      <div className="notice-body">
        <p className="notice-title">
          {title ? `${title} ` : ''}
          {error.message}
        </p>
        {error.action ? <p className="notice-action">{error.action}</p> : null}
      </div>
    </div>
  );
}
