import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import { createApp } from '../../../src-main/app/createApp';
import type { PostdeckApp } from '../../../src-main/app/types';
import { systemClock } from '../../../src-main/config/clock';
import { createLogger } from '../../../src-main/config/logger';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { CALLBACK_URL, consent } from '../../helpers/harness';

const fixedKey = Buffer.alloc(32, 9);
let dataDir: string | null = null;
let app: PostdeckApp | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** No `sandbox` in the config: the app starts its own in-process sandbox, as `npm run web` does. */
const build = (dir: string) =>
  createApp({
    host: 'web',
    version: 'test',
    dataDir: dir,
    clock: systemClock,
    logger: createLogger(() => {}, { minLevel: 'error' }),
    keyProtector: memoryKeyProtector(fixedKey),
    env: {},
    webCallbackUrl: CALLBACK_URL,
    backgroundTimers: false,
  });

async function value<T>(channel: string, input: unknown = {}): Promise<T> {
  const result = await app!.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
  return result.value as T;
}

it('an account connected to the in-process sandbox is still healthy after the app restarts', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'postdeck-app-restart-'));
  app = await build(dataDir);
  const firstSandbox = app.info().sandboxUrl;
  expect(firstSandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const started = await value<{ authorizeUrl: string }>('accounts.connect');
  expect(started.authorizeUrl.startsWith(firstSandbox!)).toBe(true);
  const connected = await app.handleOAuthCallback(await consent(started.authorizeUrl, { username: 'maya.makes' }));
  expect(connected.ok).toBe(true);
  const [before] = await value<Account[]>('accounts.check');
  expect(before!.health.state).toBe('healthy');

  await app.close();
  app = null;
  expect(existsSync(join(dataDir, 'sandbox-state.json'))).toBe(true);

  app = await build(dataDir);
  expect(app.info().sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/); // a fresh ephemeral port
  const checked = await value<Account[]>('accounts.check');
  expect(checked).toHaveLength(1);
  expect(checked[0]).toMatchObject({ username: 'maya.makes', health: { state: 'healthy' } });
});
