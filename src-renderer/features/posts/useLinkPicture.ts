import { useEffect } from 'react';
import { useStore } from 'zustand';
import { isAllowedImageUrl } from '../../../src-shared/csp';
import { useStores } from '../../stores/context';
import type { LinkPicture } from './mediaStore';

/** An address typed or pasted is asked about once it rests this long, not at every keystroke. */
const SETTLE_MS = 400;

/**
 * Whether a pasted photo address needs Postdeck to fetch its picture: a web address the page may not load
 * itself (its policy names Instagram's and the Sandbox's hosts only). Postdeck's own guard decides the rest.
 */
export function needsLinkPicture(address: string): boolean {
  try {
    const url = new URL(address);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !isAllowedImageUrl(address);
  } catch {
    return false;
  }
}

/** The picture of a pasted address (null: none is needed), fetched by Postdeck once the address rests. */
export function useLinkPicture(address: string | null): LinkPicture | undefined {
  const { media } = useStores();
  const wanted = address !== null && needsLinkPicture(address) ? address : null;
  const picture = useStore(media, (state) => (wanted ? state.links[wanted] : undefined));
  useEffect(() => {
    if (!wanted) return;
    const settle = setTimeout(() => void media.getState().wantLink(wanted), SETTLE_MS);
    return () => clearTimeout(settle);
  }, [media, wanted]);
  return picture;
}
