import { request } from 'undici';

export interface ConsentChoice {
  /** The sandbox person to continue as, by username. */
  username: string;
  decision?: 'allow' | 'cancel';
  /** Scopes to untick on the consent page. */
  untick?: string[];
}

/**
 * Does what a person does on the sandbox's consent page (tests and benchmarks): reads the page, picks
 * the person, leaves the permissions ticked or not, presses Allow or Cancel, and returns the redirect
 * URL Instagram would send the browser to.
 */
export async function consentInSandbox(authorizeUrl: string, choice: ConsentChoice): Promise<string> {
  const page = await request(authorizeUrl);
  const html = await page.body.text();
  if (page.statusCode !== 200) throw new Error(`authorize page answered ${page.statusCode}`);
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1]!, decodeEntities(match[2]!));
  }
  form.set('person', personIdOf(html, choice.username));
  const requested = (form.get('requested_scope') ?? '').split(/[ ,]+/).filter(Boolean);
  for (const scope of requested) if (!choice.untick?.includes(scope)) form.append('scope', scope);
  form.set('decision', choice.decision ?? 'allow');
  const answer = await request(new URL('/oauth/authorize/decision', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await answer.body.text();
  const location = answer.headers.location;
  if (answer.statusCode !== 302 || typeof location !== 'string') throw new Error(`decision answered ${answer.statusCode}`);
  return location;
}

/** The radio button whose label is the username, as a person picks it (the page, not the control API). */
function personIdOf(html: string, username: string): string {
  for (const match of html.matchAll(/<input type="radio" id="person-(\d+)" name="person"[^>]*>(?:<img[^>]*>)?<label for="person-\1">([^<]*)<\/label>/g)) {
    if (decodeEntities(match[2]!) === username) return match[1]!;
  }
  throw new Error(`no sandbox person ${username}`);
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };

/** One pass, so `&#38;lt;` stays `&lt;`. The page escapes with numeric references (authorizePage.ts escapeHtml). */
function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|quot|lt|gt|amp);/g, (_, name: string) => (name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : NAMED_ENTITIES[name]!));
}
