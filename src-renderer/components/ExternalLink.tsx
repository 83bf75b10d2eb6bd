import type { ReactNode } from 'react';
import { externalLinks, isInstagramPermalink, type ExternalLinkName } from '../../src-shared/externalLinks';

type Target = { to: ExternalLinkName } | { permalink: string };

/**
 * A link that leaves the app: by name from the shared allowlist, or a published post's Instagram
 * permalink. A new tab on the browser host; the desktop host catches the window it would open and hands
 * the address to the system browser. A permalink of any other shape is not linked (the desktop host
 * would refuse it), so nothing is rendered for it.
 */
export function ExternalLink(props: Target & { className?: string; children: ReactNode }) {
  const href = 'to' in props ? externalLinks[props.to] : props.permalink;
  if ('permalink' in props && !isInstagramPermalink(href)) return null;
  return (
    <a href={href} {...(props.className ? { className: props.className } : {})} target="_blank" rel="noopener noreferrer">
      {props.children}
    </a>
  );
}
