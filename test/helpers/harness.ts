import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEvent } from '../../src-shared/events';
import type { Result } from '../../src-shared/errors';
import type { Account } from '../../src-shared/models';
import { createApp } from '../../src-main/app/createApp';
import type { AppConfig, PostdeckApp } from '../../src-main/app/types';
import { ManualClock } from '../../src-main/config/manualClock';
import { createLogger } from '../../src-main/config/logger';
import { startSandbox, type Sandbox } from '../../src-main/sandbox';
import { consentInSandbox, type ConsentChoice } from '../../src-main/sandbox/scriptedConsent';
import { memoryKeyProtector } from '../../src-main/vault/localProtectors';

export const CALLBACK_URL = 'http://127.0.0.1:9/oauth/instagram/callback';

export interface Harness {
  app: PostdeckApp;
  sandbox: Sandbox;
  clock: ManualClock;
  dataDir: string;
  events: AppEvent[];
  /** Resolves with the recorded events that match once there are `count` of them: waits on the app's events, not a timer. */
  waitForEvents(match: (event: AppEvent) => boolean, count?: number): Promise<AppEvent[]>;
  logLines: string[];
  masterKey: Buffer;
  call<T = unknown>(channel: string, input?: unknown): Promise<Result<T>>;
  value<T = unknown>(channel: string, input?: unknown): Promise<T>;
  restart(overrides?: Partial<AppConfig>): Promise<void>;
  close(): Promise<void>;
}

/** A whole app in one call: real SQLite file in a temp dir, a real sandbox over HTTP, a shared manual clock. */
export async function startHarness(options: { overrides?: Partial<AppConfig>; sandbox?: Sandbox; clock?: ManualClock } = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 10, 1, 9));
  const sandbox = options.sandbox ?? (await startSandbox({ clock, quiet: true }));
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-test-'));
  const masterKey = randomBytes(32);
  const logLines: string[] = [];
  const events: AppEvent[] = [];
  const eventArrived = new Set<() => void>();
  const build = async (overrides: Partial<AppConfig> = {}) => {
    const app = await createApp({
      host: 'web',
      version: 'test',
      dataDir,
      clock,
      timers: clock,
      logger: createLogger((line) => logLines.push(line), { minLevel: 'debug' }),
      keyProtector: memoryKeyProtector(masterKey),
      env: {},
      webCallbackUrl: CALLBACK_URL,
      sandbox,
      backgroundTimers: false,
      ...options.overrides,
      ...overrides,
    });
    app.subscribe((event) => {
      events.push(event);
      for (const wake of [...eventArrived]) wake();
    });
    return app;
  };
  const harness: Harness = {
    app: await build(),
    sandbox,
    clock,
    dataDir,
    events,
    async waitForEvents(match, count = 1) {
      for (;;) {
        const matching = events.filter(match);
        if (matching.length >= count) return matching;
        await new Promise<void>((arrived) => {
          const wake = () => {
            eventArrived.delete(wake);
            arrived();
          };
          eventArrived.add(wake);
        });
      }
    },
    logLines,
    masterKey,
    call: (channel, input = {}) => harness.app.dispatch(channel, input) as never,
    async value(channel, input = {}) {
      const result = await harness.app.dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.detail ?? ''}`);
      return result.value as never;
    },
    async restart(overrides) {
      await harness.app.close();
      harness.app = await build(overrides);
    },
    async close() {
      await harness.app.close();
      if (!options.sandbox) await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** What a person does on the sandbox's consent page. */
export const consent = consentInSandbox;

/** Start → consent → callback, as the browser host does it. */
export async function connectAs(harness: Harness, choice: ConsentChoice, purpose: { accountId?: string } = {}): Promise<Result<Account>> {
  const started = await harness.value<{ attemptId: string; authorizeUrl: string }>(
    purpose.accountId ? 'accounts.reconnect' : 'accounts.connect',
    purpose.accountId ? { accountId: purpose.accountId } : {},
  );
  const callback = await consent(started.authorizeUrl, choice);
  return (await harness.app.handleOAuthCallback(callback)) as Result<Account>;
}

/** A harness with one account connected through the consent screen: where most publishing and engagement tests start. */
export async function startConnected(options: Parameters<typeof startHarness>[0] = {}, username = 'maya.makes'): Promise<{ h: Harness; account: Account }> {
  const h = await startHarness(options);
  const result = await connectAs(h, { username });
  if (!result.ok) {
    await h.close();
    throw new Error(`connecting @${username} failed: ${result.error.code}`);
  }
  return { h, account: result.value };
}

/** Live mode against `instagram` (a second sandbox playing Instagram): the environment a creator's own Meta app sets. */
export function liveModeEnv(instagram: Pick<Sandbox, 'url'>, app: { appId: string; appSecret: string }, redirectUri: string): Record<string, string> {
  return {
    POSTDECK_IG_APP_ID: app.appId,
    POSTDECK_IG_APP_SECRET: app.appSecret,
    POSTDECK_IG_REDIRECT_URI: redirectUri,
    POSTDECK_IG_AUTH_BASE: instagram.url,
    POSTDECK_IG_API_BASE: instagram.url,
    POSTDECK_IG_GRAPH_BASE: instagram.url,
  };
}
