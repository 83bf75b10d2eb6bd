import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from '../../../src-shared/ipc';
import type { EventMap } from '../../../src-shared/events';
import { newestOnly } from '../../lib/newestOnly';
import { useStores } from '../../stores/context';

type InsightsChanged = EventMap['insights.changed'];

/**
 * Account figures change with an account check (no media id). A media's check does not change them, and
 * top posts fetching their figures announce one each: asking again for those would only repeat the same calls.
 */
export const isAccountCheck = (changed: InsightsChanged) => !changed.igMediaId;

/**
 * Calls an insights channel for what the screen shows, and again when main says this account's insights
 * changed (a background check finished), so the "as of" time stays true; `reloadsOn` narrows which changes count.
 */
export function useInsightsChannel<C extends Channel>(channel: C, input: ChannelInput<C>, accountId: string | null, reloadsOn: (changed: InsightsChanged) => boolean = () => true) {
  const { bridge } = useStores();
  const key = JSON.stringify(input);
  const latest = useMemo(() => newestOnly(), []);
  // Read at each event, so an inline predicate does not resubscribe on every render.
  const reloadsOnLatest = useRef(reloadsOn);
  reloadsOnLatest.current = reloadsOn;
  const [state, setState] = useState<{ value: ChannelOutput<C> | null; error: AppError | null; loading: boolean }>({ value: null, error: null, loading: true });
  const load = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    void latest(() => bridge.invoke(channel, JSON.parse(key) as ChannelInput<C>)).then((result) => {
      // Undefined: another period or account was asked for meanwhile; its answer wins.
      if (result) setState(result.ok ? { value: result.value, error: null, loading: false } : { value: null, error: result.error, loading: false });
    });
  }, [bridge, latest, channel, key]);
  useEffect(() => {
    load();
    return bridge.on('insights.changed', (payload) => {
      if (payload.accountId === accountId && reloadsOnLatest.current(payload)) load();
    });
  }, [bridge, load, accountId]);
  return { ...state, reload: load };
}
