import { useMemo } from 'react';
import type { MediaHostingInput } from '../../../src-shared/mediaHosting';
import { newestOnly } from '../../lib/newestOnly';
import { useStores } from '../../stores/context';

/** Media hosting's calls to the main process, so its form never calls the bridge itself. */
export function useMediaHosting() {
  const { bridge } = useStores();
  return useMemo(() => {
    const latest = newestOnly();
    return {
      /** Resolves to undefined when a newer read overtook this one. */
      read: () => latest(() => bridge.invoke('settings.getMediaHosting', {})),
      save: (input: MediaHostingInput) => bridge.invoke('settings.setMediaHosting', input),
      check: () => bridge.invoke('settings.checkMediaHosting', {}),
    };
  }, [bridge]);
}
