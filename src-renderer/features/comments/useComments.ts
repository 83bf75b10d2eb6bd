import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Comment } from '../../../src-shared/comments';
import type { Usage } from '../../../src-shared/usage';
import type { AppError } from '../../../src-shared/errors';
import { newestOnly } from '../../lib/newestOnly';
import { useStores } from '../../stores/context';

/**
 * The inbox's threads for one account (or all), only those with something unread when `unreadOnly`, the
 * newest `shown` of them, read again when main says comments changed. Showing them never marks them read:
 * only opening a thread to reply, or "Mark read", does.
 */
export function useCommentsInbox(accountId: string, shown: number, unreadOnly: boolean) {
  const { bridge } = useStores();
  const latest = useMemo(() => newestOnly(), []);
  const [threads, setThreads] = useState<Comment[] | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback(async () => {
    // One more than shown says whether there are older ones.
    const filter = { ...(accountId ? { accountId } : {}), ...(unreadOnly ? { unreadOnly } : {}), limit: shown + 1 };
    const result = await latest(() => bridge.invoke('comments.list', filter));
    if (!result) return; // another account, filter or page was asked for meanwhile; its answer wins
    if (!result.ok) return setError(result.error);
    setError(null);
    setThreads(result.value.slice(0, shown));
    setHasOlder(result.value.length > shown);
  }, [bridge, latest, accountId, shown, unreadOnly]);

  useEffect(() => {
    void load();
    return bridge.on('comments.changed', () => void load());
  }, [bridge, load]);

  const refresh = async () => {
    setRefreshing(true);
    const result = await bridge.invoke('comments.refresh', accountId ? { accountId } : {});
    setRefreshing(false);
    if (!result.ok) setError(result.error);
    else await load();
  };

  return { threads, hasOlder, error, refreshing, load, refresh };
}

/** What the user does to one comment or post, as calls to the main process. */
export function useCommentActions() {
  const { bridge, inbox } = useStores();
  return useMemo(
    () => ({
      reply: (commentId: string, message: string) => bridge.invoke('comments.reply', { commentId, message }),
      setCommentsEnabled: (postId: string, enabled: boolean) => bridge.invoke('comments.setEnabled', { postId, enabled }),
      hide: (commentId: string, hidden: boolean) => bridge.invoke('comments.hide', { commentId, hidden }),
      remove: (commentId: string) => bridge.invoke('comments.delete', { commentId }),
      setRead: inbox.getState().setRead,
    }),
    [bridge, inbox],
  );
}

/** Instagram rate-limit usage as the last answers said, read again when comments changed. */
export function useUsage() {
  const { bridge } = useStores();
  const latest = useMemo(() => newestOnly(), []);
  const [usage, setUsage] = useState<Usage | null>(null);
  const load = useCallback(() => {
    void latest(() => bridge.invoke('settings.getUsage', {})).then((result) => result?.ok && setUsage(result.value));
  }, [bridge, latest]);
  useEffect(() => {
    load();
    return bridge.on('comments.changed', load);
  }, [bridge, load]);
  return { usage, load };
}
