import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { Post } from '../../../src-shared/posts';
import { useStores } from '../../stores/context';
import { autosaveKey } from './autosave';
import { formFromPost, sameForm, withFormDefaults, type ComposerForm } from './composerForm';

/**
 * The composer's form, never lost: every change is kept on this computer as it is typed (and offered again
 * when the composer opens), leaving with unsaved changes asks first (in-app navigation, a reload or closing
 * the window), and a save says which version of the post it changes, so a post that changed meanwhile is
 * not overwritten: `resolveConflict` reloads the new version or keeps the text over it.
 */
export function useComposerForm(post: Post | undefined, blankForm: () => ComposerForm) {
  const { autosave, posts, ui } = useStores();
  const key = autosaveKey(post?.id ?? null);
  // What the post holds (or a new, empty post): changes are measured against it.
  const [reference, setReference] = useState(blankForm);
  const [unsaved] = useState(() => {
    const kept = autosave.getState().forms[key];
    const form = kept && withFormDefaults(kept.form);
    return form && !sameForm(form, reference) ? { ...kept, form } : undefined;
  });
  const [form, setForm] = useState<ComposerForm>(unsaved?.form ?? reference);
  const [restored, setRestored] = useState(unsaved !== undefined);
  // Restored text was written against the version it was typed on, so saving it over a newer one is refused.
  const [baseVersion, setBaseVersion] = useState<number | null>(unsaved ? unsaved.baseVersion : (post?.version ?? null));
  const finished = useRef(false);
  const dirty = !sameForm(form, reference);
  const hasUnsavedChanges = useRef(dirty);
  hasUnsavedChanges.current = dirty && !finished.current;

  useEffect(() => {
    if (finished.current) return;
    if (dirty) autosave.getState().keep(key, { form, baseVersion });
    else autosave.getState().discard(key);
  }, [autosave, key, form, dirty, baseVersion]);

  useEffect(() => {
    ui.getState().guardLeaving(() => hasUnsavedChanges.current);
    // A reload or closing the tab (the desktop app turns this into its own question).
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      ui.getState().guardLeaving(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [ui]);

  return {
    form,
    setForm,
    /** The text shown was restored from an earlier visit. */
    restored,
    /** The post as the editor last saw it, for `posts.update`'s `expectedVersion`. */
    base: post && baseVersion !== null ? { ...post, version: baseVersion } : post,
    discardRestored() {
      setRestored(false);
      setForm(reference);
      autosave.getState().discard(key);
    },
    /** Saved or scheduled: nothing left to keep, and leaving no longer asks. */
    finish() {
      finished.current = true;
      hasUnsavedChanges.current = false;
      autosave.getState().discard(key);
    },
    /** The post changed since the editor opened it: take the new version, or keep the text to save over it. */
    async resolveConflict(choice: 'reload' | 'keep'): Promise<AppError | null> {
      if (!post) return null;
      const latest = await posts.getState().refresh(post.id);
      if (!latest.ok) return latest.error;
      const fresh = formFromPost(latest.value, form.when);
      setBaseVersion(latest.value.version);
      setReference(fresh);
      setRestored(false);
      if (choice === 'reload') setForm(fresh);
      return null;
    },
  };
}
