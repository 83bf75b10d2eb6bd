import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { InstagramEndpoints } from '../config/environment';
import { classifyGraphError, classifyOAuthError, InstagramError } from './errors';
import { GraphTransport, sendRequest, type RawResponse } from './transport';
import type { UsageReading } from '../ratelimit/usage';


export interface ShortLivedToken {
  accessToken: string;
  userId: string;
  permissions: string[];
}

export interface LongLivedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface Profile {
  appScopedId: string;
  igUserId: string;
  username: string;
  name: string | null;
  accountType: string;
  pictureUrl: string | null;
  followersCount: number | null;
  mediaCount: number | null;
}

export const PROFILE_FIELDS = 'id,user_id,username,name,account_type,profile_picture_url,followers_count,media_count';

/**
 * Typed calls to Instagram (or the sandbox: same code, other base URLs). Errors are InstagramErrors
 * whose messages come from Instagram's own error text: never a URL, so never a token.
 */
export class InstagramClient {
  private readonly dispatcher: Dispatcher;

  /** The Graph API for publishing, insights and comments, on this client's connection pool. */
  readonly graphApi: GraphTransport;

  constructor(
    readonly endpoints: InstagramEndpoints,
    options: { connections?: number; timeoutMs?: number; onUsage?: (reading: UsageReading) => void } = {},
  ) {
    const timeout = options.timeoutMs ?? 20_000;
    this.dispatcher = new Agent({
      connections: options.connections ?? 16,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connectTimeout: Math.min(timeout, 10_000),
      keepAliveTimeout: 10_000,
    });
    this.graphApi = new GraphTransport(endpoints, this.dispatcher, options.onUsage);
  }

  async exchangeCode(input: { clientId: string; clientSecret: string; redirectUri: string; code: string }): Promise<ShortLivedToken> {
    const form = new URLSearchParams({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: input.redirectUri,
      code: input.code,
    });
    const response = await sendRequest(this.dispatcher, 'POST', `${this.endpoints.apiBase}/oauth/access_token`, { form: form.toString() });
    if (response.status !== 200) throw classifyOAuthError(response.status, response.json);
    return parseShortLivedToken(response);
  }

  async exchangeLongLived(input: { clientSecret: string; accessToken: string }): Promise<LongLivedToken> {
    const query = new URLSearchParams({
      grant_type: 'ig_exchange_token',
      client_secret: input.clientSecret,
      access_token: input.accessToken,
    });
    return parseLongLivedToken(await this.graph('GET', `/access_token?${query}`));
  }

  async refresh(accessToken: string): Promise<LongLivedToken> {
    const query = new URLSearchParams({ grant_type: 'ig_refresh_token', access_token: accessToken });
    return parseLongLivedToken(await this.graph('GET', `/refresh_access_token?${query}`));
  }

  async me(accessToken: string): Promise<Profile> {
    return parseProfile(await this.graphApi.get('/me', { fields: PROFILE_FIELDS }, accessToken, z.unknown()));
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  /** The token endpoints keep their documented form: the token in the query string (§3). */
  private async graph(method: 'GET' | 'POST', pathAndQuery: string): Promise<unknown> {
    const response = await sendRequest(this.dispatcher, method, `${this.endpoints.graphBase}${pathAndQuery}`);
    if (response.status !== 200) throw classifyGraphError(response.status, response.json);
    return response.json;
  }
}

function parseShortLivedToken(response: RawResponse): ShortLivedToken {
  // Documented: {"data":[{...}]}; observed: a flat object. Accept both (instagram-platform.md §2).
  const body = response.json as Record<string, unknown> | null;
  const entry = (Array.isArray(body?.data) ? body.data[0] : body) as Record<string, unknown> | undefined;
  const accessToken = entry?.access_token;
  if (typeof accessToken !== 'string' || !accessToken) {
    throw new InstagramError('invalid_response', 'Instagram did not return an access token.', { status: response.status });
  }
  const permissions = entry?.permissions;
  const permissionList = Array.isArray(permissions)
    ? permissions.filter((item): item is string => typeof item === 'string')
    : typeof permissions === 'string'
      ? permissions.split(/[,\s]+/)
      : [];
  return {
    accessToken,
    userId: losslessUserId(response.text) ?? String(entry?.user_id ?? ''),
    permissions: permissionList.map((scope) => scope.trim()).filter(Boolean),
  };
}

/** user_id can be a JSON number beyond 2^53; read its digits from the raw text instead of the parsed value. */
function losslessUserId(text: string): string | null {
  return /"user_id"\s*:\s*"?(\d{1,40})"?/.exec(text)?.[1] ?? null;
}

function parseLongLivedToken(body: unknown): LongLivedToken {
  const record = (body ?? {}) as Record<string, unknown>;
  const expiresIn = Number(record.expires_in);
  if (typeof record.access_token !== 'string' || !record.access_token || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new InstagramError('invalid_response', 'Instagram returned an incomplete token.');
  }
  return { accessToken: record.access_token, expiresInSeconds: expiresIn };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function parseProfile(body: unknown): Profile {
  const record = (body ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
  const igUserId = text(record.user_id) ?? text(record.id);
  const username = text(record.username);
  if (!igUserId || !username) throw new InstagramError('invalid_response', 'Instagram returned an incomplete profile.');
  return {
    appScopedId: text(record.id) ?? igUserId,
    igUserId,
    username,
    name: text(record.name),
    accountType: text(record.account_type) ?? 'UNKNOWN',
    pictureUrl: text(record.profile_picture_url),
    followersCount: count(record.followers_count),
    mediaCount: count(record.media_count),
  };
}
