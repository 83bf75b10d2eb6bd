import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Comment } from '../../../src-shared/comments';
import type { Usage } from '../../../src-shared/usage';
import type { AppError } from '../../../src-shared/errors';
import { newestOnly } from '../../lib/newestOnly';
import { useStores } from '../../stores/context';
import { unreadIds } from './inbox';

/**
 * The inbox's threads for one account (or all) and the newest `shown` of them, read again when main says
 * comments changed. What is unread when shown is marked read at once and kept in `fresh`, so its "New"
 * mark stays until the user leaves.
 */
export function useCommentsInbox(accountId: string, shown: number) {
  const { bridge } = useStores();
  const latest = useMemo(() => newestOnly(), []);
  const [threads, setThreads] = useState<Comment[] | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const fresh = useRef(new Set<string>());

  const load = useCallback(async () => {
    // One more than shown says whether there are older ones.
    const result = await latest(() => bridge.invoke('comments.list', { ...(accountId ? { accountId } : {}), limit: shown + 1 }));
    if (!result) return; // another account or page was asked for meanwhile; its answer wins
    if (!result.ok) return setError(result.error);
    setError(null);
    const page = result.value.slice(0, shown);
    setThreads(page);
    setHasOlder(result.value.length > shown);
    const unread = unreadIds(page);
    if (unread.length > 0) {
      for (const id of unread) fresh.current.add(id);
      void bridge.invoke('comments.markRead', { commentIds: unread });
    }
  }, [bridge, latest, accountId, shown]);

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

  return { threads, hasOlder, error, refreshing, fresh: fresh.current, load, refresh };
}

/** What the user does to one comment or post, as calls to the main process. */
export function useCommentActions() {
  const { bridge } = useStores();
  return useMemo(
    () => ({
      reply: (commentId: string, message: string) => bridge.invoke('comments.reply', { commentId, message }),
      setCommentsEnabled: (postId: string, enabled: boolean) => bridge.invoke('comments.setEnabled', { postId, enabled }),
      hide: (commentId: string, hidden: boolean) => bridge.invoke('comments.hide', { commentId, hidden }),
      remove: (commentId: string) => bridge.invoke('comments.delete', { commentId }),
    }),
    [bridge],
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
