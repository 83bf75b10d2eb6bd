import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { ComposerForm } from './composerForm';

/** What the composer had typed for one post and not saved yet. */
export interface UnsavedForm {
  form: ComposerForm;
  /** The post's version the text was written against (null for a new post), so saving it later can be refused if the post moved on. */
  baseVersion: number | null;
}

export interface AutosaveState {
  /** By composer: 'new' for the new post, else the edited post's id. */
  forms: Record<string, UnsavedForm | undefined>;
  keep(key: string, unsaved: UnsavedForm): void;
  discard(key: string): void;
}

/** The composer's key for a post: each edited post has its own, the new post one of its own. */
export const autosaveKey = (postId: string | null) => postId ?? 'new';

export const AUTOSAVE_STORAGE_NAME = 'postdeck.composer.unsaved';

/**
 * The composer's unsaved text, kept on this computer (localStorage) as it is typed, per post, so that leaving,
 * a reload or a crash never loses it. Saving or scheduling the post discards it.
 */
export function createAutosaveStore(storage: StateStorage) {
  return createStore<AutosaveState>()(
    persist(
      (set) => ({
        forms: {},
        keep(key, unsaved) {
          set((s) => ({ forms: { ...s.forms, [key]: unsaved } }));
        },
        discard(key) {
          set((s) => {
            if (!(key in s.forms)) return s;
            const { [key]: _discarded, ...rest } = s.forms;
            return { forms: rest };
          });
        },
      }),
      { name: AUTOSAVE_STORAGE_NAME, version: 1, storage: createJSONStorage(() => storage), partialize: (s) => ({ forms: s.forms }) },
    ),
  );
}

export type AutosaveStore = ReturnType<typeof createAutosaveStore>;
