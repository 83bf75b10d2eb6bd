import { useMemo, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { newestOnly } from '../../lib/newestOnly';
import { useStores } from '../../stores/context';

export interface RevealMedia {
  /** Asks the desktop to show the library's file in the system's file manager. */
  reveal(mediaId: string): void;
  /** Why the last ask could not show it. */
  problem: AppError | null;
}

/** "Show in folder" for a media library file: on the desktop only (null on the browser host, which has no folders to show). */
export function useRevealMedia(): RevealMedia | null {
  const { bridge } = useStores();
  const [problem, setProblem] = useState<AppError | null>(null);
  const latest = useMemo(newestOnly, []);
  const files = bridge.files;
  if (!files) return null;
  return {
    problem,
    reveal(mediaId) {
      void latest(() => files.revealMedia(mediaId)).then((result) => {
        if (result) setProblem(result.ok ? null : result.error);
      });
    },
  };
}
