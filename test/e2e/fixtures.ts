import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_HOST_ENTRY = path.join(repoRoot, 'dist-main', 'web.cjs');

/** The one line the browser host prints once it listens (see the brief / DESIGN.md §1). */
const READY_LINE = /^Postdeck web host: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)\s*$/m;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** JSON as the tests read it: poked at freely, asserted with expect(). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one deliberate escape hatch for test assertions
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: T;
  text: string;
}

export interface WebHost {
  /** The full address the host printed, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  apiBase: string;
  sandboxUrl: string;
  dataDir: string;
  /** POST /api/<channel> with the right token; `init` can override headers or the raw body. */
  api<T = Json>(channel: string, body?: unknown, init?: RequestInit): Promise<ApiResponse<T>>;
  /** POST <sandboxUrl>/__sandbox/<path> (fault injection, reset) with the sandbox's control token. */
  sandbox<T = Json>(pathname: string, body?: unknown, method?: 'GET' | 'POST'): Promise<ApiResponse<T>>;
  /** SIGTERM, wait for exit. Idempotent. */
  stop(): Promise<void>;
  /** stdout + stderr so far, for failure messages. */
  output(): string;
}

async function readResponse<T>(response: Response): Promise<ApiResponse<T>> {
  const text = await response.text();
  let body: Json;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

function hermeticEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A developer's live-mode variables must not turn the tests into calls to Instagram.
  for (const key of Object.keys(env)) if (key.startsWith('POSTDECK_')) delete env[key];
  return { ...env, NODE_ENV: 'test', ...extra };
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startWebHost(options: { dataDir: string; env?: Record<string, string> }): Promise<WebHost> {
  if (!existsSync(WEB_HOST_ENTRY)) {
    throw new Error(`${path.relative(repoRoot, WEB_HOST_ENTRY)} is missing: run \`npm run build\` first.`);
  }
  // The host starts its sandbox in-process; the tests choose its control token so they can drive it.
  const sandboxControlToken = randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, [WEB_HOST_ENTRY, '--port', '0', '--data-dir', options.dataDir], {
    cwd: repoRoot,
    env: hermeticEnv({ POSTDECK_SANDBOX_CONTROL_TOKEN: sandboxControlToken, ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    output += chunk;
  });

  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`web host did not print its address within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: string) => {
      output += chunk;
      const match = output.match(READY_LINE);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        // Keep draining stdout so the host never blocks on a full pipe.
        child.stdout!.on('data', (more: string) => {
          output += more;
        });
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web host exited before it was ready (code ${code}, signal ${signal}):\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
    throw error;
  });

  const origin = ready[1]!;
  const port = Number(ready[2]);
  const token = decodeURIComponent(ready[3]!);
  const apiBase = `${origin}/api`;

  const api = async <T = Json>(channel: string, body: unknown = {}, init: RequestInit = {}) => {
    const response = await fetch(`${apiBase}/${channel}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    return readResponse<T>(response);
  };

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
        throw new Error(`web host ignored SIGTERM for ${STOP_TIMEOUT_MS} ms:\n${output}`);
      }
    })();
    return stopped;
  };

  const info = await api('app.info', {});
  if (info.status !== 200 || info.body?.ok !== true || typeof info.body.value?.sandboxUrl !== 'string') {
    await stop();
    throw new Error(`app.info did not describe a sandbox host (HTTP ${info.status}): ${info.text}\n${output}`);
  }
  const sandboxUrl: string = info.body.value.sandboxUrl.replace(/\/$/, '');

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    apiBase,
    sandboxUrl,
    dataDir: options.dataDir,
    api,
    async sandbox<T = Json>(pathname: string, body: unknown = {}, method: 'GET' | 'POST' = 'POST') {
      const response = await fetch(`${sandboxUrl}/__sandbox/${pathname.replace(/^\//, '')}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sandboxControlToken}` },
        ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
      });
      return readResponse<T>(response);
    },
    stop,
    output: () => output,
  };
}

/**
 * A raw HTTP request with full control of the headers (including Host, which fetch will not set).
 * Resolves with the response even if the server closes the connection while we are still sending.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; body: Json }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let settled = false;
    let answered = false;
    let failure: Error | null = null;
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'POST',
        headers: options.headers,
        agent: false,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        const finish = () => {
          if (settled) return;
          settled = true;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Json;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body });
        };
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    // EPIPE/ECONNRESET after the server already answered (e.g. 413) is expected; before that it is not.
    // Whatever arrived has been parsed by the time the request closes, so decide then.
    request.on('error', (error) => (failure ??= error));
    request.on('close', () => {
      if (failure && !answered && !settled) {
        settled = true;
        reject(failure);
      }
    });
    if (options.body !== undefined) request.end(options.body);
    else request.end();
  });
}

/** Clicks Connect (or Reconnect) and returns the sign-in popup once it shows the sandbox's page. */
export async function openSignIn(page: Page, button = page.getByRole('button', { name: 'Connect Instagram' }).first()) {
  const popupPromise = page.waitForEvent('popup');
  await button.click();
  const popup = await popupPromise;
  await expect(popup.locator('input[name="person"]').first()).toBeVisible();
  return popup;
}

/** Picks a person on the sandbox's authorize page, optionally unticks scopes, and presses Allow. */
export async function signInAs(popup: Page, username: string, options: { untick?: string[] } = {}) {
  await popup.getByRole('radio', { name: username }).check();
  for (const scope of options.untick ?? []) {
    await popup.locator(`input[name="scope"][value="${scope}"]`).uncheck();
  }
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
}

/** Resolves when the popup closes (at once if it already has). */
export async function popupClosed(popup: Page): Promise<void> {
  if (!popup.isClosed()) await popup.waitForEvent('close');
}

/** The callback page says "You can close this window", or Postdeck already closed the popup: whichever happens first. */
export async function expectSignInDone(popup: Page) {
  if (popup.isClosed()) return;
  const closed = popup.waitForEvent('close', { timeout: 15_000 }).then(
    () => 'closed',
    () => 'pending',
  );
  const done = popup
    .getByText('You can close this window')
    .waitFor({ timeout: 15_000 })
    .then(
      () => 'done',
      () => (popup.isClosed() ? 'closed' : 'pending'),
    );
  expect(await Promise.race([closed, done]), 'the sign-in popup should reach the callback page or close').not.toBe('pending');
}

/** The rows of the accounts list, one <li> per account. */
export function accountRows(page: Page) {
  return page.getByRole('list', { name: 'Connected Instagram accounts' }).locator(':scope > li');
}

export function accountRow(page: Page, username: string) {
  return accountRows(page).filter({ hasText: `@${username}` });
}

interface Fixtures {
  /** Starts a web host; pass `dataDir` to reuse an earlier host's data (restart tests). */
  startHost(options?: { dataDir?: string; env?: Record<string, string> }): Promise<WebHost>;
  /** A fresh web host on a fresh data dir, stopped after the test. */
  host: WebHost;
}

export const test = base.extend<Fixtures>({
  startHost: async ({}, use) => {
    const hosts: WebHost[] = [];
    const dirs: string[] = [];
    await use(async (options = {}) => {
      let dataDir = options.dataDir;
      if (!dataDir) {
        dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'postdeck-e2e-'));
        dirs.push(dataDir);
      }
      const host = await startWebHost({ dataDir, ...(options.env ? { env: options.env } : {}) });
      hosts.push(host);
      return host;
    });
    const failures: unknown[] = [];
    for (const host of hosts.reverse()) await host.stop().catch((error: unknown) => failures.push(error));
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
    if (failures.length > 0) throw failures[0];
  },
  host: async ({ startHost }, use) => {
    await use(await startHost());
  },
});

export { expect };

/**
 * The first arrow key of a keyboard drag. dnd-kit starts listening for keys on a timer after Space picks the
 * item up, so on a busy machine a key pressed as soon as the pick-up is announced can come before it listens
 * and be lost: pressed again until the live region says the item moved there (a move it heard is announced at
 * once, so the key is not pressed twice).
 */
export async function firstDragKey(page: Page, key: string, said: Locator, moved: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.keyboard.press(key);
    await expect(said).toContainText(moved, { timeout: 2_000 });
  }).toPass();
}

/** A creator's CDN on loopback: the sandbox fetches the photo from here, as Instagram fetches a public URL. */
export async function photoServer(): Promise<{ url: string; server: http.Server }> {
  const photo = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#d97' } }).jpeg().toBuffer();
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/photo.jpg`, server };
}

/** Opens the app, connects `username` through the sandbox's sign-in and answers the account as the API lists it. */
export async function connectedAccount(page: Page, host: WebHost, username: string): Promise<Json> {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), username);
  await expect(accountRow(page, username).getByText('Healthy', { exact: true })).toBeVisible();
  const accounts = (await host.api('accounts.list', {})).body.value as Json[];
  return accounts.find((account) => account.username === username);
}

/** Connects `username` and opens a new post with that account chosen. */
export async function openComposer(page: Page, host: WebHost, username = 'maya.makes'): Promise<void> {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), username);
  await expect(accountRow(page, username).getByText('Healthy', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByRole('radio', { name: `@${username}` }).check();
}

/** Accounts → Messages… → Continue to Instagram, and the sign-in window for the same account. */
export async function openMessagesSignIn(page: Page, username: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  await accountRow(page, username).getByRole('button', { name: 'Messages…' }).click();
  const dialog = page.getByRole('dialog', { name: `Turn on messages for @${username}?` });
  await expect(dialog).toContainText('App Review');
  return openSignIn(page, dialog.getByRole('button', { name: 'Continue to Instagram' }));
}

/** Turns messages on for `username` through its Messages… dialog, and opens the Messages screen from there. */
export async function turnOnMessages(page: Page, username: string): Promise<void> {
  await signInAs(await openMessagesSignIn(page, username), username);
  const done = page.getByRole('dialog', { name: `Messages are on for @${username}` });
  await done.getByRole('button', { name: 'Open Messages' }).click();
  await expect(page).toHaveURL(/#\/messages$/);
}
