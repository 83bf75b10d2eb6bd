import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AppInfo } from '../../../src-shared/models';
import { ManualClock } from '../../../src-main/config/manualClock';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { CALLBACK_URL, connectAs, liveModeEnv, startHarness, type Harness } from '../../helpers/harness';

const LIVE_APP = { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef' };

describe('live mode is the same code with other base URLs', () => {
  let instagram: Sandbox;
  let harness: Harness;

  beforeAll(async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 2));
    // A second sandbox on another port plays "Instagram", with an app registered the way a creator would.
    instagram = await startSandbox({
      clock,
      quiet: true,
      tokenResponseShape: 'data',
      apps: [{ ...LIVE_APP, redirectUris: [CALLBACK_URL], mode: 'live' }],
    });
    harness = await startHarness({
      clock,
      overrides: {
        env: { ...liveModeEnv(instagram, LIVE_APP, CALLBACK_URL), POSTDECK_IG_GRAPH_VERSION: 'v25.0' },
      },
    });
  });

  afterAll(async () => {
    await harness.close();
    await instagram.close();
  });

  it('reports live mode, configured from the environment, without the secret', async () => {
    const info = await harness.value<AppInfo>('app.info');
    expect(info).toMatchObject({ mode: 'live', sandboxUrl: null, liveConfig: { appId: LIVE_APP.appId, source: 'environment', secretStored: true } });
    expect(JSON.stringify(info)).not.toContain(LIVE_APP.appSecret);
  });

  it('runs the whole flow against the configured endpoints, and none against the built-in sandbox', async () => {
    const result = await connectAs(harness, { username: 'northside.bakery' });
    expect(result.ok).toBe(true);
    const accounts = await harness.value<Account[]>('accounts.list');
    expect(accounts.map((account) => account.username)).toEqual(['northside.bakery']);
    const paths = instagram.world.requestLog().map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['/oauth/access_token', '/access_token', '/v25.0/me']));
    expect(harness.sandbox.world.requestLog().filter((entry) => !entry.path.startsWith('/__sandbox'))).toEqual([]);
  });

  it('refuses to change settings that environment variables set', async () => {
    const result = await harness.call('settings.setLiveConfig', { appId: '123456789', appSecret: LIVE_APP.appSecret, redirectUri: 'https://example.com/cb' });
    expect(result.ok ? null : result.error.code).toBe('config_invalid');
  });
});

describe('live settings entered in the app', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('validates, seals the secret, switches to live, and back to the sandbox', async () => {
    const bad = await harness.call('settings.setLiveConfig', { appId: 'not-a-number', appSecret: 'short', redirectUri: 'http://example.com/cb' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_request');
    const noSecret = await harness.call('settings.setLiveConfig', { appId: '1234567890', redirectUri: 'https://example.com/cb' });
    expect(noSecret.ok ? null : noSecret.error.code).toBe('config_invalid');

    const saved = await harness.value<AppInfo>('settings.setLiveConfig', {
      appId: '1234567890',
      appSecret: 'ABCDEF0123456789abcdef0123456789',
      redirectUri: 'https://example.com/cb',
    });
    expect(saved).toMatchObject({ mode: 'live', liveConfig: { appId: '1234567890', secretStored: true, source: 'settings' } });
    expect(JSON.stringify(saved)).not.toContain('ABCDEF0123456789');
    const started = await harness.value<{ authorizeUrl: string }>('accounts.connect');
    expect(new URL(started.authorizeUrl).origin).toBe('https://www.instagram.com');
    expect(new URL(started.authorizeUrl).searchParams.get('client_id')).toBe('1234567890');

    await harness.restart();
    expect((await harness.value<AppInfo>('app.info')).mode).toBe('live');
    const cleared = await harness.value<AppInfo>('settings.clearLiveConfig');
    expect(cleared).toMatchObject({ mode: 'sandbox', liveConfig: null });
  });

  it('keeps preferences, with defaults: tray on, start at login off, no comment notifications', async () => {
    expect(await harness.value('settings.getPreferences')).toEqual({ keepRunningInTray: true, startAtLogin: false, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true });
    expect(await harness.value('settings.setPreferences', { startAtLogin: true })).toEqual({ keepRunningInTray: true, startAtLogin: true, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true });
    const bad = await harness.call('settings.setPreferences', { startAtLogin: 'yes' });
    expect(bad.ok).toBe(false);
    expect(await harness.value('settings.getPreferences')).toEqual({ keepRunningInTray: true, startAtLogin: true, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true });
  });
});
