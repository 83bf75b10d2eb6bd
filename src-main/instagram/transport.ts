import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { InstagramEndpoints } from '../config/environment';
import { APP_RATE_LIMIT_CODE, classifyGraphError, InstagramError } from './errors';
import { readUsage, type UsageReading } from '../ratelimit/usage';

export interface RawResponse {
  status: number;
  text: string;
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Undici's codes for failures before the request could have left this machine; anything else after a
 * connection (reset, timeout waiting for the answer) may have reached Instagram.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * One HTTP exchange with Instagram. Transport failures become `network` InstagramErrors that say
 * whether the request may have reached Instagram (`maybe_sent`) or certainly did not (`not_sent`);
 * their messages are undici's codes, never a URL, so never a token.
 */
export async function sendRequest(
  dispatcher: Dispatcher,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { form?: string; token?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let status: number;
  let text: string;
  let responseHeaders: RawResponse['headers'];
  try {
    const result = await request(url, { method, dispatcher, headers, ...(options.form !== undefined ? { body: options.form } : {}) });
    status = result.statusCode;
    responseHeaders = result.headers;
    text = await result.body.text();
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    throw new InstagramError('network', `Could not reach Instagram (${code}).`, {}, NOT_SENT_CODES.has(code) ? 'not_sent' : 'maybe_sent');
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    if (status === 200) throw new InstagramError('invalid_response', 'Instagram sent a response that is not JSON.', { status });
  }
  return { status, text, json, headers: responseHeaders };
}

const pageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

export interface GraphPage<T> {
  items: T[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The Graph API for one account, its token already bound: what publishing, insights and comments get
 * from the account door, so they can call Instagram without ever holding the token.
 */
export interface AccountGraph {
  get<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, form: Record<string, string>, schema: S): Promise<z.output<S>>;
  delete<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>>;
  /** One page of a Graph edge; pass `nextCursor` back as `after` for the next. */
  page<S extends z.ZodType>(path: string, query: Record<string, string>, item: S, after?: string): Promise<GraphPage<z.output<S>>>;
}

/**
 * The Graph API over HTTP: the version prefix in one place, the token in an `Authorization: Bearer`
 * header (never the query string), form bodies, zod-checked answers, paging, and the usage headers read
 * on every response.
 */
export class GraphTransport {
  constructor(
    private readonly endpoints: InstagramEndpoints,
    private readonly dispatcher: Dispatcher,
    private readonly onUsage: (reading: UsageReading) => void = () => undefined,
  ) {}

  /** A client for one account; the token stays in its closure, out of any property a caller could read or log. */
  boundTo(token: string): AccountGraph {
    return {
      get: (path, query, schema) => this.get(path, query, token, schema),
      post: (path, form, schema) => this.post(path, form, token, schema),
      delete: (path, schema) => this.delete(path, token, schema),
      page: (path, query, item, after) => this.page(path, query, token, item, after),
    };
  }

  get<S extends z.ZodType>(path: string, query: Record<string, string>, token: string, schema: S): Promise<z.output<S>> {
    return this.call('GET', path, query, token, schema);
  }

  post<S extends z.ZodType>(path: string, form: Record<string, string>, token: string, schema: S): Promise<z.output<S>> {
    return this.call('POST', path, form, token, schema);
  }

  delete<S extends z.ZodType>(path: string, token: string, schema: S): Promise<z.output<S>> {
    return this.call('DELETE', path, {}, token, schema);
  }

  /** One page of a Graph edge (`{ data: [...], paging: { cursors: { after }, next } }`). */
  async page<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    token: string,
    item: S,
    after?: string,
  ): Promise<GraphPage<z.output<S>>> {
    const body = await this.get(path, after ? { ...query, after } : query, token, pageSchema);
    const items: z.output<S>[] = [];
    for (const entry of body.data) {
      const parsed = item.safeParse(entry);
      if (!parsed.success) throw new InstagramError('invalid_response', `Instagram sent an unexpected item on ${path}.`);
      items.push(parsed.data);
    }
    const nextCursor = body.paging?.next ? (body.paging.cursors?.after ?? null) : null;
    return { items, nextCursor };
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    params: Record<string, string>,
    token: string,
    schema: S,
  ): Promise<z.output<S>> {
    const encoded = new URLSearchParams(params).toString();
    const base = `${this.endpoints.graphBase}${this.versionPrefix()}${path}`;
    const url = method === 'POST' || !encoded ? base : `${base}?${encoded}`;
    const response = await sendRequest(this.dispatcher, method, url, { token, ...(method === 'POST' ? { form: encoded } : {}) });
    const usage = readUsage(response.headers);
    const error = response.status === 200 ? null : classifyGraphError(response.status, response.json);
    // Code 4 means the app is at its limit whatever the header says (or without one): every account's background work waits.
    this.onUsage(error?.details.code === APP_RATE_LIMIT_CODE ? { ...usage, appPercent: Math.max(100, usage.appPercent ?? 0) } : usage);
    if (error) throw error;
    const parsed = schema.safeParse(response.json);
    if (!parsed.success) throw new InstagramError('invalid_response', `Instagram sent an unexpected answer on ${path.split('?')[0]}.`, { status: 200 });
    return parsed.data;
  }

  private versionPrefix(): string {
    return this.endpoints.graphVersion ? `/${this.endpoints.graphVersion}` : '';
  }
}
