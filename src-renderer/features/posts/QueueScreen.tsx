import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { usePosts, useStores } from '../../stores/context';
import { PostRow } from './PostRow';
import { postsInTab } from './tabs';
import './posts.css';

/** The pending-manual queue: nothing here leaves without the creator's Approve. */
export function QueueScreen() {
  const all = usePosts((s) => s.posts);
  const loaded = usePosts((s) => s.loaded);
  const listError = usePosts((s) => s.listError);
  const { posts } = useStores();
  const waiting = postsInTab(all, 'waiting');

  return (
    <Screen name="queue" title="Waiting for approval">
      <p className="muted">
        Posts in Manual mode arrive here at their time, and so do posts whose time passed while Postdeck was closed.
        Nothing here is published until you approve it. Reminders (Remind me) arrive here too, with the media ready to post from your phone.
      </p>
      {listError ? <ErrorNotice error={listError} onRetry={() => void posts.getState().fetch()} /> : null}
      {!loaded && !listError ? <p className="muted">Loading posts…</p> : null}
      {loaded && waiting.length === 0 ? (
        <div className="empty-state">
          <p>No post is waiting for your approval.</p>
        </div>
      ) : null}
      {waiting.length > 0 ? (
        <ul className="post-list" role="list" aria-label="Posts waiting for approval">
          {waiting.map((post) => (
            <PostRow key={post.id} post={post} showReason />
          ))}
        </ul>
      ) : null}
    </Screen>
  );
}
