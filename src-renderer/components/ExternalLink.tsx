import type { ReactNode } from 'react';
import { externalLinks, type ExternalLinkName } from '../../src-shared/externalLinks';

/**
 * A link that leaves the app, by name from the shared allowlist. A new tab on the browser host; the
 * desktop host catches the window it would open and hands the address to the system browser.
 */
export function ExternalLink({ to, children }: { to: ExternalLinkName; children: ReactNode }) {
  return (
    <a href={externalLinks[to]} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
