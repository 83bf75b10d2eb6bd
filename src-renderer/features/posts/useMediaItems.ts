import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/context';
import type { MediaItem } from './mediaStore';

// Apart from the store itself: the stores' context builds the store, so the store's file cannot import it back.
/** The library's items for these ids, asked for on first use; undefined while the answer is on its way. */
export function useMediaItems(ids: readonly string[]): Record<string, MediaItem | null> {
  const { media } = useStores();
  const items = useStore(media, (state) => state.items);
  const key = ids.join(',');
  useEffect(() => {
    if (key) void media.getState().want(key.split(','));
  }, [media, key]);
  return items;
}
