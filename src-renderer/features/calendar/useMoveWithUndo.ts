import { useCallback } from 'react';
import type { Post } from '../../../src-shared/posts';
import { errorToast, infoToast, undoToast } from '../../components/Toasts';
import { useStores } from '../../stores/context';
import { captionExcerpt } from '../posts/describe';

const slotText = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * Moves a post to a new slot through the main process (which refuses a past slot or a post already out),
 * then offers Undo, which moves it back the same way. Refusals show as an error toast.
 */
export function useMoveWithUndo() {
  const { posts } = useStores();
  return useCallback(
    async (post: Post, to: string) => {
      const from = post.scheduledAt;
      if (!from || Date.parse(from) === Date.parse(to)) return;
      const moved = await posts.getState().reschedule(post.id, to);
      if (!moved.ok) {
        errorToast(moved.error);
        return;
      }
      const name = `“${captionExcerpt(post.caption, 40)}”`;
      undoToast(`${name} moved to ${slotText(to)}`, () => {
        void posts
          .getState()
          .reschedule(post.id, from)
          .then((back) => (back.ok ? infoToast(`${name} is back at ${slotText(from)}`) : errorToast(back.error)));
      });
    },
    [posts],
  );
}
