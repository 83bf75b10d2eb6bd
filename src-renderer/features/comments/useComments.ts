import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Comment } from '../../../src-shared/comments';
import type { PrivateReplyStatus } from '../../../src-shared/messages';
import type { Usage } from '../../../src-shared/usage';
import type { AppError } from '../../../src-shared/errors';
import { newestOnly } from '../../lib/newestOnly';
import { useAccounts, useStores } from '../../stores/context';

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

/**
 * Whether "Reply privately" can be used on each shown thread's comment (accounts with messages on only),
 * read again when comments or messages changed; and sending one, which answers the comment's new state.
 */
export function usePrivateReplies(threads: readonly Comment[] | null) {
  const { bridge } = useStores();
  const accounts = useAccounts((s) => s.accounts);
  const latest = useMemo(() => newestOnly(), []);
  const [statuses, setStatuses] = useState<Record<string, PrivateReplyStatus>>({});
  const turnedOn = useMemo(() => new Set(accounts.filter((a) => a.messagesEnabled).map((a) => a.id)), [accounts]);
  // As a string, so a list read again with the same comments asks nothing new.
  const idsKey = (threads ?? [])
    .filter((t) => turnedOn.has(t.accountId))
    .slice(0, 500)
    .map((t) => t.id)
    .join(',');

  const load = useCallback(async () => {
    if (!idsKey) return setStatuses({});
    const result = await latest(() => bridge.invoke('comments.privateReplyStatus', { commentIds: idsKey.split(',') }));
    if (result?.ok) setStatuses(result.value);
  }, [bridge, latest, idsKey]);

  useEffect(() => {
    void load();
    const offs = [bridge.on('comments.changed', () => void load()), bridge.on('messages.changed', () => void load())];
    return () => offs.forEach((off) => off());
  }, [bridge, load]);

  const replyPrivately = useCallback(
    async (commentId: string, text: string) => {
      const result = await bridge.invoke('comments.replyPrivately', { commentId, text });
      if (result.ok) setStatuses((s) => ({ ...s, [commentId]: result.value.privateReply }));
      return result;
    },
    [bridge],
  );
  return { statuses, replyPrivately };
}
