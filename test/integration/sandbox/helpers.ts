import { request } from 'undici';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET, type Sandbox } from '../../../src-main/sandbox';

export const REDIRECT_URI = 'http://127.0.0.1:48123/oauth/callback';
export const MAYA = '17841400000000001';
export const BAKERY = '17841455512345679';
export const SAM = '17841466600000003';
export const OUTSIDER = '17841477700000005';
export const BASIC = 'instagram_business_basic';
export const PUBLISH = 'instagram_business_content_publish';
export const COMMENTS = 'instagram_business_manage_comments';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function toReply(res: Awaited<ReturnType<typeof request>>): Promise<Reply> {
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

export async function get(sb: Sandbox, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return toReply(await request(`${sb.url}${path}`, { method: 'GET', headers }));
}

export async function postForm(sb: Sandbox, path: string, fields: [string, string][]): Promise<Reply> {
  return toReply(
    await request(`${sb.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** The control API with the sandbox's per-run token; `headers` adds or overrides (a foreign Origin, no token). */
export async function control(
  sb: Sandbox,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return toReply(
    await request(`${sb.url}/__sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sb.controlToken}`, ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
}

export function authorizeQuery(over: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    client_id: SANDBOX_APP_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: `${BASIC},${PUBLISH}`,
    state: 'st-123',
    ...over,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return `/oauth/authorize?${q.toString()}`;
}

/** Submits the consent form as a browser would: ticked scope boxes (the disabled basic box is not sent). */
export async function decide(
  sb: Sandbox,
  options: { person?: string; requested?: string[]; ticked?: string[]; decision?: 'allow' | 'cancel'; state?: string | null } = {},
): Promise<Reply> {
  const requested = options.requested ?? [BASIC, PUBLISH];
  const ticked = options.ticked ?? requested.filter((s) => s !== BASIC);
  const fields: [string, string][] = [
    ['client_id', SANDBOX_APP_ID],
    ['redirect_uri', REDIRECT_URI],
    ['requested_scope', requested.join(',')],
    ['person', options.person ?? MAYA],
    ...ticked.map((s): [string, string] => ['scope', s]),
    ['decision', options.decision ?? 'allow'],
  ];
  const state = options.state === undefined ? 'st-123' : options.state;
  if (state !== null) fields.push(['state', state]);
  return postForm(sb, '/oauth/authorize/decision', fields);
}

export async function authorizeCode(sb: Sandbox, options: Parameters<typeof decide>[1] = {}): Promise<string> {
  const res = await decide(sb, options);
  if (res.status !== 302) throw new Error(`decision answered ${res.status}: ${res.text}`);
  const code = new URL(String(res.headers.location)).searchParams.get('code');
  if (!code) throw new Error('no code in redirect');
  return code;
}

export async function exchangeCode(sb: Sandbox, code: string, over: Record<string, string> = {}): Promise<Reply> {
  const fields: Record<string, string> = {
    client_id: SANDBOX_APP_ID,
    client_secret: SANDBOX_APP_SECRET,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
    code,
    ...over,
  };
  return postForm(sb, '/oauth/access_token', Object.entries(fields));
}

export async function shortLivedToken(sb: Sandbox, options: Parameters<typeof decide>[1] = {}): Promise<string> {
  const res = await exchangeCode(sb, await authorizeCode(sb, options));
  if (res.status !== 200) throw new Error(`exchange answered ${res.status}: ${res.text}`);
  return res.json.access_token as string;
}

export async function longLivedToken(sb: Sandbox, options: Parameters<typeof decide>[1] = {}): Promise<string> {
  const short = await shortLivedToken(sb, options);
  const res = await get(sb, `/access_token?grant_type=ig_exchange_token&client_secret=${SANDBOX_APP_SECRET}&access_token=${short}`);
  if (res.status !== 200) throw new Error(`long-lived exchange answered ${res.status}: ${res.text}`);
  return res.json.access_token as string;
}
