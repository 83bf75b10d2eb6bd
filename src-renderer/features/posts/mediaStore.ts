import { createStore } from 'zustand/vanilla';
import type { ChannelOutput } from '../../../src-shared/ipc';
import type { VideoConversionView } from '../../../src-shared/media';
import type { Bridge } from '../../bridge';

export type MediaItem = ChannelOutput<'media.import'>;

/** A pasted address's picture, as Postdeck fetched it: on its way, made (its id and size), or why not, in a sentence. */
export type LinkPicture = { state: 'loading' } | ({ state: 'ready' } & ChannelOutput<'media.linkPreview'>) | { state: 'failed'; sentence: string };

/** The most ids one `media.describe` takes. */
const BATCH = 20;

export interface MediaState {
  /** What the library said of each id asked about; null when it does not know it (removed, or from another machine). */
  items: Record<string, MediaItem | null>;
  /**
   * The latest word on each video being converted, from main's events: newer than any `media.describe` answer,
   * and kept even when it arrives before the import's own answer.
   */
  conversions: Record<string, VideoConversionView>;
  /** Asks the library about the ids not yet known or asked. */
  want(ids: readonly string[]): Promise<void>;
  /** An item just imported: known without asking. */
  remember(item: MediaItem): void;
  /** Pictures of pasted addresses, by address. */
  links: Record<string, LinkPicture>;
  /** Asks Postdeck to fetch a pasted address's picture, once per address. */
  wantLink(url: string): Promise<void>;
}

/**
 * The media library as the renderer names it (file name, size, length). An id's item never changes (a video's
 * conversion, told by events, is kept beside it), so an answer is kept for the page's life, and answers arriving
 * in any order cannot overwrite a newer one.
 */
export function createMediaStore(bridge: Bridge) {
  const asked = new Set<string>();
  const store = createStore<MediaState>()((set, get) => ({
    items: {},
    conversions: {},
    links: {},
    async want(ids) {
      const fresh = [...new Set(ids)].filter((id) => id !== '' && !asked.has(id));
      for (const id of fresh) asked.add(id);
      for (let start = 0; start < fresh.length; start += BATCH) {
        const batch = fresh.slice(start, start + BATCH);
        const result = await bridge.invoke('media.describe', { ids: batch });
        if (!result.ok) {
          // Asked again next time: the host may have been restarting.
          for (const id of batch) asked.delete(id);
          continue;
        }
        const found = new Map(result.value.map((item) => [item.id, item]));
        set((state) => ({ items: { ...state.items, ...Object.fromEntries(batch.map((id) => [id, found.get(id) ?? null])) } }));
      }
    },
    remember(item) {
      asked.add(item.id);
      set((state) => ({ items: { ...state.items, [item.id]: item } }));
    },
    async wantLink(url) {
      if (get().links[url]) return;
      const keep = (picture: LinkPicture) => set((state) => ({ links: { ...state.links, [url]: picture } }));
      keep({ state: 'loading' });
      const result = await bridge.invoke('media.linkPreview', { url });
      // Each address keeps its own answer, so answers arriving in any order cannot overwrite another's.
      keep(result.ok ? { state: 'ready', ...result.value } : { state: 'failed', sentence: result.error.detail ?? result.error.message });
    },
  }));
  bridge.on('media.conversion', ({ mediaId, conversion }) => store.setState((state) => ({ conversions: { ...state.conversions, [mediaId]: conversion } })));
  return store;
}

/** "sunset.jpg · 2.4 MB": how a file is named everywhere, never by its id. */
export function mediaName(item: Pick<MediaItem, 'name' | 'bytes'>): string {
  return `${item.name} · ${formatBytes(item.bytes)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString()} KB`;
}
