import { useCallback, useEffect, useId, useState } from 'react';
import type { Account } from '../../../src-shared/models';
import type { AppError } from '../../../src-shared/errors';
import type { IgMedia } from '../../../src-shared/insights';
import type { Post } from '../../../src-shared/posts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExternalLink } from '../../components/ExternalLink';
import { formatDateTime } from '../../lib/format';
import { usePosts, useStores } from '../../stores/context';

type Choices = { items: IgMedia[] } | { error: AppError } | null;

const MEDIA_LABEL: Record<string, string> = { IMAGE: 'Photo', VIDEO: 'Video', CAROUSEL_ALBUM: 'Carousel' };

/**
 * A post went out but Postdeck could not tell which Instagram post it became: the user picks it among the
 * account's posts published at that time (no id or link to copy), and the first comment goes there.
 */
export function MediaChoice({ post, account }: { post: Post; account: Account | undefined }) {
  const { posts } = useStores();
  const busy = usePosts((s) => s.busy[post.id]);
  const id = useId();
  const [choices, setChoices] = useState<Choices>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  const load = useCallback(() => {
    let current = true;
    setChoices(null);
    void posts
      .getState()
      .mediaChoices(post.id)
      .then((result) => {
        if (current) setChoices(result.ok ? { items: result.value } : { error: result.error });
      });
    return () => {
      current = false;
    };
  }, [posts, post.id]);
  useEffect(load, [load]);

  const who = account ? `@${account.username}’s` : 'the account’s';
  return (
    <div className="media-choice" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label">
        Which of {who} posts is this one?
      </p>
      {choices === null ? (
        <p className="muted">Loading the account’s recent posts…</p>
      ) : 'error' in choices ? (
        <ErrorNotice error={choices.error} onRetry={load} />
      ) : choices.items.length === 0 ? (
        <p className="muted">
          None of the account’s recent posts can be this one. Check the account on Instagram.{' '}
          <button type="button" className="button button-quiet" onClick={load}>
            Look again
          </button>
        </p>
      ) : (
        <>
          <ul className="media-choices">
            {choices.items.map((item) => (
              <li key={item.id}>
                <label className={`choice${chosen === item.id ? ' choice-chosen' : ''}`}>
                  <input type="radio" name={`${id}-media`} value={item.id} checked={chosen === item.id} onChange={() => setChosen(item.id)} />
                  <span className="media-choice-caption">{item.caption || 'No caption'}</span>
                  <span className="muted">
                    {MEDIA_LABEL[item.mediaType] ?? item.mediaType}
                    {item.timestamp ? ` · ${formatDateTime(item.timestamp)}` : ''}
                  </span>
                </label>
                {item.permalink ? <ExternalLink permalink={item.permalink}>View on Instagram</ExternalLink> : null}
              </li>
            ))}
          </ul>
          <div className="toolbar">
            <button
              type="button"
              className="button button-primary"
              disabled={chosen === null || busy !== undefined}
              onClick={() => chosen && void posts.getState().postFirstComment(post.id, chosen)}
            >
              Post the first comment there
            </button>
          </div>
        </>
      )}
    </div>
  );
}
