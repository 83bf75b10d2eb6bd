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
