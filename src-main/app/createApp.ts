import { join } from 'node:path';
import type { Result } from '../../src-shared/errors';
import type { EventMap } from '../../src-shared/events';
import type { AppInfo } from '../../src-shared/models';
import { AccountsService } from '../accounts/service';
import { ConnectFlow } from '../accounts/connect';
import type { AccountsContext } from '../accounts/context';
import { AttentionAlerts } from '../accounts/alerts';
import { HealthKeeper } from '../accounts/health';
import { AccountSessions } from '../accounts/session';
import { SWEEP_INTERVAL_MS } from '../accounts/healthPolicy';
import {
  DESKTOP_SANDBOX_REDIRECT_URI,
  resolveLive,
  sandboxEnvironment,
  type Environment,
} from '../config/environment';
import { EventBus } from '../config/events';
import { Failure } from '../config/failure';
import { preparePrivateFolder } from '../config/privateFiles';
import { AccountsRepo } from '../db/accountsRepo';
import { openDatabase } from '../db/database';
import { SecretsRepo } from '../db/secretsRepo';
import { SettingsRepo } from '../db/settingsRepo';
import { VaultKeysRepo } from '../db/vaultKeysRepo';
import { InstagramClient } from '../instagram/client';
import { eventPayloadCheck } from '../ipc/contractCheck';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET, startSandbox, type Sandbox } from '../sandbox';
import { JobsRepo } from '../db/jobsRepo';
import { JobRunner } from '../jobs/runner';
import { createPublishing } from '../publishing';
import { HostedMediaSource } from '../publishing/hostedMediaSource';
import { MediaHostingService } from '../media/hosting/service';
import { SandboxMediaHost } from '../media/hosting/sandboxHost';
import { MediaLibrary } from '../media/library';
import { SecureStorage } from '../settings/secureStorage';
import { systemTimers } from '../config/timers';
import { SettingsService } from '../settings/service';
import { Vault } from '../vault/vault';
import type { AppConfig, PostdeckApp } from './types';

export const DATABASE_FILE = 'postdeck.db';

/**
 * The composition root: builds every service from one config object. A test builds a whole app
 * with one call; the desktop and browser hosts differ only in what they pass in.
 */
export async function createApp(config: AppConfig): Promise<PostdeckApp> {
  const logger = config.logger.child('app');
  preparePrivateFolder(config.dataDir, DATABASE_FILE);
  const db = openDatabase(join(config.dataDir, DATABASE_FILE), config.sqliteNativeBinding ? { nativeBinding: config.sqliteNativeBinding } : {});
  // Assigned inside closures, so declared with `as` to keep TypeScript from narrowing them to null.
  let sandbox = (config.sandbox ?? null) as Sandbox | null;
  const ownsSandbox = !config.sandbox;
  let client = null as InstagramClient | null;
  let timer = null as NodeJS.Timeout | null;
  // Development builds and tests check what main sends against the contract (src-shared); production does not pay for it.
  const checkContract = config.checkContract ?? config.env.NODE_ENV !== 'production';
  try {
    const events = new EventBus(checkContract ? eventPayloadCheck(config.logger.child('events')) : undefined);
    const accounts = new AccountsRepo(db);
    const secrets = new SecretsRepo(db, 'secrets');
    const appSecrets = new SecretsRepo(db, 'app_secrets');
    const vault = await Vault.open(new VaultKeysRepo(db), config.keyProtector, config.clock, config.logger.child('vault'));
    const settingsRepo = new SettingsRepo(db);
    const settings = new SettingsService({
      db,
      settings: settingsRepo,
      appSecrets,
      vault,
      clock: config.clock,
      events,
      logger: config.logger.child('settings'),
    });
    const secureStorage = new SecureStorage({
      vault,
      protector: config.keyProtector,
      settings,
      secretTables: [secrets, appSecrets],
      logger: config.logger.child('secure-storage'),
    });

    let environment!: Environment;
    /** Picks live or sandbox from environment variables and settings; starts the sandbox on first need. */
    const applyEnvironment = async () => {
      const live = resolveLive(config.env, settings.storedLive());
      if (live) {
        environment = { mode: 'live', ...live };
      } else {
        const redirectUri = config.webCallbackUrl ?? DESKTOP_SANDBOX_REDIRECT_URI;
        // Set only by tests that drive the sandbox of a host they started; never shown in the UI.
        const controlToken = config.env.POSTDECK_SANDBOX_CONTROL_TOKEN;
        sandbox ??= await startSandbox({ clock: config.clock, quiet: true, stateFile: join(config.dataDir, 'sandbox-state.json'), ...(controlToken ? { controlToken } : {}) });
        sandbox.world.addRedirectUri(SANDBOX_APP_ID, redirectUri);
        environment = sandboxEnvironment({ url: sandbox.url, clientId: SANDBOX_APP_ID, clientSecret: SANDBOX_APP_SECRET, redirectUri });
      }
      const previous = client;
      client = new InstagramClient(environment.endpoints, {
        connections: Math.max(16, config.healthConcurrency ?? 0),
        ...(config.httpTimeoutMs ? { timeoutMs: config.httpTimeoutMs } : {}),
      });
      await previous?.close();
      logger.info('environment ready', { mode: environment.mode });
    };
    await applyEnvironment();

    const context: AccountsContext = {
      db,
      accounts,
      secrets,
      vault,
      clock: config.clock,
      events,
      logger: config.logger.child('accounts'),
      environment: () => environment,
      client: () => client!,
      requireSealing: () => secureStorage.requireSealing(),
      ...(config.authWindow ? { authWindow: config.authWindow } : {}),
    };
    const alerts = new AttentionAlerts(events, context.logger, config.notifier);
    const health = new HealthKeeper(context, alerts, config.healthConcurrency ? { concurrency: config.healthConcurrency } : {});
    // A changed keyring locks the vault but never stops the app: every account shows Reconnect.
    if (vault.state === 'keyring_changed') await health.markKeyringChanged();
    const info = (): AppInfo => ({
      mode: environment.mode,
      host: config.host,
      version: config.version,
      sandboxUrl: environment.mode === 'sandbox' ? (sandbox?.url ?? null) : null,
      keyProtectionWarning: config.keyProtector.weaknessWarning(),
      liveConfig: environment.live,
      secureStorage: vault.state,
      weakKeyringConsent: secureStorage.consent(),
    });
    const reconfigured = async (): Promise<AppInfo> => {
      await applyEnvironment();
      events.emit('app.changed', {});
      // Sandbox and live accounts are listed apart, so the list changes with the mode.
      events.emit('accounts.changed', { reason: 'environment' });
      return info();
    };
    const requireSettingsControl = () => {
      if (environment.live?.source === 'environment') {
        throw new Failure('config_invalid', 'Environment variables set the Instagram app; change them instead.');
      }
    };
    const jobs = new JobRunner({
      repo: new JobsRepo(db),
      clock: config.clock,
      timers: config.timers ?? systemTimers(config.clock),
      environment: () => environment.mode,
      logger: config.logger,
    });
    const library = new MediaLibrary({ db, dataDir: config.dataDir, clock: config.clock, logger: config.logger.child('media') });
    await library.removeUnfinishedImports();
    let sandboxFiles: SandboxMediaHost | null = null;
    let publishingRef: ReturnType<typeof createPublishing> | null = null;
    const mediaHosting = new MediaHostingService({
      store: { get: () => settingsRepo.get('mediaHosting'), set: (value) => settingsRepo.set('mediaHosting', value) },
      secrets: settings.appSecret('s3_secret_access_key'),
      clock: config.clock,
      logger: config.logger.child('media-hosting'),
      // Each fetch through the tunnel shows on its post: the user sees Instagram took the file.
      onFetch: (fetch) => publishingRef?.publisher.recordFetch(fetch),
    });
    const publishing = createPublishing({
      db,
      accounts,
      sessions: new AccountSessions(context, health),
      jobs,
      media: new HostedMediaSource({
        publicUrls: mediaHosting.publicUrls,
        // The sandbox hosts media itself; live mode uses the bucket or tunnel the user set up.
        files: () => {
          if (environment.mode !== 'sandbox' || !sandbox) return mediaHosting.host();
          const running = sandbox;
          sandboxFiles ??= new SandboxMediaHost((bytes, type) => running.hostMedia(bytes, type));
          return sandboxFiles;
        },
        library: { file: (mediaId) => library.instagramFile(mediaId) },
      }),
      clock: config.clock,
      events,
      logger: config.logger.child('publishing'),
      notifier: config.notifier,
      mode: () => environment.mode,
    });
    publishingRef = publishing;
    events.subscribe((event) => {
      if (event.name !== 'accounts.changed') return;
      const { reason } = event.payload as EventMap['accounts.changed'];
      if (reason === 'reconnected') publishing.publisher.resumeHeld();
      // Jobs wait for their own mode: switching back lets them run.
      if (reason === 'environment') jobs.wake();
    });
    publishing.catchUp();
    jobs.start();
    const connect = new ConnectFlow(context);
    const dispatch = createDispatcher(
      createHandlers({
        info,
        accounts: new AccountsService(context),
        connect,
        health,
        posts: publishing.posts,
        mediaHosting,
        media: library,
        settings: {
          getPreferences: () => settings.getPreferences(),
          setPreferences: (change) => settings.setPreferences(change),
          setLiveConfig: async (input) => {
            requireSettingsControl();
            settings.saveLive(input);
            return reconfigured();
          },
          clearLiveConfig: async () => {
            requireSettingsControl();
            settings.clearLive();
            return reconfigured();
          },
          resetSecureStorage: async () => {
            await secureStorage.reset();
            // The App secret went with the old key, so the live configuration changes too.
            return reconfigured();
          },
          setWeakKeyringConsent: ({ allow }) => {
            secureStorage.setConsent(allow);
            events.emit('app.changed', {});
            return info();
          },
        },
      }),
      config.logger.child('ipc'),
      { checkOutputs: checkContract },
    );

    const wake = (reason: string) => {
      logger.info('refresh sweep', { reason });
      return health.sweep().catch((error: unknown) => logger.error('refresh sweep failed', { error }));
    };
    if (config.backgroundTimers) {
      // Catch up at start (the app may have been closed for weeks), then every hour.
      void wake('start');
      timer = setInterval(() => void wake('timer'), SWEEP_INTERVAL_MS);
      timer.unref();
    }

    let closed = false;
    return {
      info,
      dispatch,
      subscribe: (listener) => events.subscribe(listener),
      handleOAuthCallback: async (url): Promise<Result<unknown>> => connect.finish(url),
      wake,
      attentionCount: () => health.attentionCount(),
      jobsIdle: () => jobs.idle(),
      close: async () => {
        if (closed) return;
        closed = true;
        if (timer) clearInterval(timer);
        // The step in flight finishes and is stored; what is left runs at the next start.
        await jobs.stop();
        await mediaHosting.stop();
        await client?.close();
        if (ownsSandbox) await sandbox?.close();
        db.close();
      },
    };
  } catch (error) {
    if (timer) clearInterval(timer);
    await client?.close();
    if (ownsSandbox) await sandbox?.close();
    db.close();
    throw error;
  }
}

