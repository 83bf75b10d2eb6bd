import type { AppError } from '../../src-shared/errors';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** What the sign-in popup shows when Instagram sends the user back to the browser host. */
export function callbackPage(error: AppError | null): string {
  const title = error ? 'Not connected' : 'Connected';
  const body = error
    ? `<p>${escapeHtml(error.message)}</p>${error.detail ? `<p>${escapeHtml(error.detail)}</p>` : ''}${error.action ? `<p>${escapeHtml(error.action)}</p>` : ''}`
    : '<p>Your Instagram account is connected.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Postdeck: ${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:28rem;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}</style>
</head><body><h1>${title}</h1>${body}<p><strong>You can close this window</strong> and return to Postdeck.</p></body></html>`;
}
