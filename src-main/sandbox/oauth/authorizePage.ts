/** The sandbox's consent page and error page: self-contained HTML with a strict CSP of its own. */
import { randomBytes } from 'node:crypto';
import { BASIC_SCOPE, SCOPE_LABELS } from '../scopes';
import type { SandboxApp, SandboxPerson } from '../types';

export interface RenderedPage {
  html: string;
  csp: string;
}

const TYPE_LABELS: Record<SandboxPerson['accountType'], string> = {
  BUSINESS: 'Business',
  MEDIA_CREATOR: 'Creator',
  PERSONAL: 'Personal',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the form may go: this origin, plus the redirect URI's origin (browsers check form-action on redirects). */
function formActionSource(redirectUri: string | undefined): string {
  if (!redirectUri) return "'self'";
  try {
    const url = new URL(redirectUri);
    const target = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
    return `'self' ${target}`;
  } catch {
    return "'self'";
  }
}

function csp(nonce: string, redirectUri?: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    'img-src data:',
    `form-action ${formActionSource(redirectUri)}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
body{margin:0;background:#fafafa;color:#262626}
main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #dbdbdb;border-radius:12px}
.banner{margin:0 0 1rem;padding:.5rem .75rem;border-radius:8px;background:#fff4d6;color:#5c4100;font-weight:600;border:1px solid #e6c15a}
h1{font-size:1.25rem;margin:.25rem 0 1rem}
fieldset{border:1px solid #dbdbdb;border-radius:8px;margin:0 0 1rem;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
.row{display:flex;align-items:center;gap:.6rem;padding:.4rem 0}
.row img{width:32px;height:32px;border-radius:50%}
.row label{font-weight:600}
.row.scope{flex-wrap:wrap;gap:.2rem .6rem}.row.scope label{font-weight:400;flex:1 1 0;min-width:0}.row.scope .meta{flex-basis:100%;padding-left:1.9rem}
.meta{color:#737373;font-size:.875rem}
code{font-size:.85em}
input:focus-visible,button:focus-visible{outline:3px solid #0095f6;outline-offset:2px}
.actions{display:flex;gap:.75rem;justify-content:flex-end}
button{font:inherit;font-weight:600;padding:.5rem 1.25rem;border-radius:8px;border:1px solid #dbdbdb;background:#fff;color:#262626;cursor:pointer}
button.primary{background:#0095f6;border-color:#0095f6;color:#fff}
.error{color:#b00020}
@media (prefers-color-scheme:dark){body{background:#000;color:#f5f5f5}main{background:#121212;border-color:#363636}
button{background:#262626;color:#f5f5f5;border-color:#363636}.banner{background:#3d2e00;color:#ffe08a;border-color:#7a5c00}}
`;

function shell(nonce: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main><p class="banner" role="note">Postdeck Sandbox — not the real Instagram</p>${body}</main></body></html>`
  );
}

export interface ConsentPageInput {
  app: SandboxApp;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  scopeParam: string;
  people: SandboxPerson[];
  forceReauth: boolean;
}

export function renderConsentPage(input: ConsentPageInput): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const { app } = input;
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const people = input.people
    .map((p, i) => {
      const id = `person-${p.igUserId}`;
      return (
        `<div class="row"><input type="radio" id="${id}" name="person" value="${p.igUserId}"${i === 0 ? ' checked' : ''} aria-describedby="${id}-desc">` +
        `<img src="${escapeHtml(p.profilePictureUrl)}" alt="" width="32" height="32">` +
        `<label for="${id}">${escapeHtml(p.username)}</label>` +
        `<span class="meta" id="${id}-desc">${escapeHtml(p.name)} · ${TYPE_LABELS[p.accountType]}${p.tester ? ' · tester' : ''}</span></div>`
      );
    })
    .join('');
  const scopes = input.scopes
    .map((scope) => {
      const id = `scope-${scope}`;
      const required = scope === BASIC_SCOPE;
      return (
        `<div class="row scope"><input type="checkbox" id="${id}" name="scope" value="${scope}" checked${required ? ' disabled' : ''} aria-describedby="${id}-desc">` +
        `<label for="${id}">${escapeHtml(SCOPE_LABELS[scope] ?? scope)}</label>` +
        `<span class="meta" id="${id}-desc"><code>${scope}</code>${required ? ' (required)' : ''}</span></div>`
      );
    })
    .join('');
  const body =
    `<h1 id="title">Allow app ${escapeHtml(app.appId)} to access your Instagram account?</h1>` +
    `<p class="meta">App ID <code id="app-id">${escapeHtml(app.appId)}</code> · ${app.mode} mode` +
    `${app.mode === 'development' ? ' (only testers can finish connecting)' : ''}` +
    `${input.forceReauth ? ' · re-authentication requested' : ''}</p>` +
    `<form id="consent" method="post" action="/oauth/authorize/decision">` +
    hidden('client_id', app.appId) +
    hidden('redirect_uri', input.redirectUri) +
    hidden('requested_scope', input.scopeParam) +
    (input.state !== null ? hidden('state', input.state) : '') +
    `<fieldset id="people"><legend>Continue as</legend>${people || '<p class="error">No people in this sandbox.</p>'}</fieldset>` +
    `<fieldset id="scopes"><legend>This app will be able to</legend>${scopes}</fieldset>` +
    // Allow comes first: pressing Enter in the form submits with the first submit button.
    `<div class="actions"><button type="submit" id="allow" name="decision" value="allow" class="primary">Allow</button>` +
    `<button type="submit" id="cancel" name="decision" value="cancel">Cancel</button></div>` +
    `</form>`;
  return { html: shell(nonce, 'Postdeck Sandbox — Allow access', body), csp: csp(nonce, input.redirectUri) };
}

export function renderErrorPage(message: string): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const body = `<h1>Sorry, this page isn't available</h1><p class="error" id="error-message">${escapeHtml(message)}</p>`;
  return { html: shell(nonce, 'Postdeck Sandbox — Error', body), csp: csp(nonce) };
}
