import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { IgMedia } from '../../../src-shared/insights';
import { newestOnly } from '../../lib/newestOnly';
import { useStores } from '../../stores/context';

interface PublishedMedia {
  items: IgMedia[];
  error: AppError | null;
  loading: boolean;
}

/**
 * The account's media on Instagram, newest first (the first page: what the top of the profile shows).
 * Read again when one of the account's posts is published, so the grid moves it down from the plan.
 */
export function usePublishedMedia(accountId: string | null) {
  const { bridge } = useStores();
  const latest = useMemo(() => newestOnly(), []);
  const [state, setState] = useState<PublishedMedia>({ items: [], error: null, loading: accountId !== null });
  const load = useCallback(() => {
    if (!accountId) return;
    setState((s) => ({ ...s, loading: true }));
    void latest(() => bridge.invoke('media.list', { accountId })).then((result) => {
      // Undefined: another account was asked for meanwhile; its answer wins.
      if (result) setState(result.ok ? { items: result.value.items, error: null, loading: false } : { items: [], error: result.error, loading: false });
    });
  }, [bridge, latest, accountId]);
  useEffect(() => {
    load();
    return bridge.on('posts.changed', (payload) => {
      if (payload.status === 'published') load();
    });
  }, [bridge, load]);
  return { ...state, reload: load };
}
