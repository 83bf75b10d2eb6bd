import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExternalLink } from '../../../src-renderer/components/ExternalLink';

describe('ExternalLink', () => {
  it('links by name to the shared address, in a new tab without an opener', () => {
    const html = renderToStaticMarkup(createElement(ExternalLink, { to: 'manageAccess', children: 'manage access' }));
    expect(html).toBe(
      '<a href="https://www.instagram.com/accounts/manage_access/" target="_blank" rel="noopener noreferrer">manage access</a>',
    );
  });
});

describe('ExternalLink to a published post', () => {
  it('links an Instagram permalink in a new tab without an opener', () => {
    const html = renderToStaticMarkup(
      createElement(ExternalLink, { permalink: 'https://www.instagram.com/reel/C_x-Y9zQ1aB/', className: 'button', children: 'View on Instagram' }),
    );
    expect(html).toBe('<a href="https://www.instagram.com/reel/C_x-Y9zQ1aB/" class="button" target="_blank" rel="noopener noreferrer">View on Instagram</a>');
  });

  it('links nothing that is not a permalink', () => {
    for (const permalink of ['https://evil.example/p/abc/', 'javascript:alert(1)', 'https://www.instagram.com/p/abc/?x=1']) {
      expect(renderToStaticMarkup(createElement(ExternalLink, { permalink, children: 'x' })), permalink).toBe('');
    }
  });
});
