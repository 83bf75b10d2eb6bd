import { MINUTE } from '../config/clock';
import { join } from 'node:path';
import { appError } from '../../src-shared/errors';
import type { Result } from '../../src-shared/errors';
import type { AppInfo } from '../../src-shared/models';
import { AccountsService } from '../accounts/service';
import { ConnectFlow } from '../accounts/connect';
import type { AccountsContext } from '../accounts/context';
import { AttentionAlerts } from '../accounts/alerts';
import { HealthKeeper } from '../accounts/health';
import { AccountSessions } from '../accounts/session';
import { registerRefreshSweep } from '../accounts/refreshSweep';
import { DomainEvents, EventBus } from '../config/events';
import { isFailure } from '../config/failure';
import { preparePrivateFolder } from '../config/privateFiles';
import { AccountsRepo } from '../db/accountsRepo';
import { openDatabase } from '../db/database';
import { SecretsRepo } from '../db/secretsRepo';
import { SettingsRepo } from '../db/settingsRepo';
import { TransferRepo } from '../db/transferRepo';
import { VaultKeysRepo } from '../db/vaultKeysRepo';
import { eventPayloadCheck } from '../ipc/contractCheck';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { JobsRepo } from '../db/jobsRepo';
import { JobRunner } from '../jobs/runner';
import { createPublishing } from '../publishing';
import { createInsights } from '../insights';
import { createComments } from '../comments';
import { createMessages } from '../messages';
import { UsageGovernor } from '../ratelimit/governor';
import { PostsRepo } from '../db/postsRepo';
import { HostedMediaSource } from '../publishing/hostedMediaSource';
import { MediaReachability } from '../publishing/mediaReachability';
import { MediaHostingService } from '../media/hosting/service';
import { SandboxMediaHost } from '../media/hosting/sandboxHost';
import { VideoConversions } from '../media/conversions';
import { MediaLibrary } from '../media/library';
import { LinkPreviews } from '../media/linkPreviews';
import { MediaPreviews } from '../media/previews';
import { SecureStorage } from '../settings/secureStorage';
import { systemTimers } from '../config/timers';
import { SettingsControls } from '../settings/controls';
import { SettingsService } from '../settings/service';
import { Vault } from '../vault/vault';
import { Transfer } from '../transfer/service';
import { PUBLISH_JOB, publishJobKey } from '../publishing/publisher';
import { Environments } from './environments';
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
  // Undone in reverse on close, or when start-up fails half-way.
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
    db.close();
  };
  // Development builds and tests check what main sends against the contract (src-shared); production does not pay for it.
  const checkContract = config.checkContract ?? config.env.NODE_ENV !== 'production';
  try {
    const eventsLogger = config.logger.child('events');
    const events = new EventBus(eventsLogger, checkContract ? eventPayloadCheck(eventsLogger) : undefined);
    const domain = new DomainEvents(eventsLogger);
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

    const timers = config.timers ?? systemTimers(config.clock);
    // Fed every Graph answer's usage headers; background work asks it before each job (ratelimit/governor.ts).
    const governor = new UsageGovernor({
      clock: config.clock,
      timers,
      account: (accountId) => accounts.get(accountId) ?? null,
      accountIds: (): string[] => accounts.list(environments.current().mode).map((a) => a.id),
    });
    const environments = new Environments({
      env: config.env,
      storedLive: () => settings.storedLive(),
      clock: config.clock,
      dataDir: config.dataDir,
      logger,
      webCallbackUrl: config.webCallbackUrl,
      sandbox: config.sandbox,
      client: { connections: Math.max(16, config.healthConcurrency ?? 0), timeoutMs: config.httpTimeoutMs, onUsage: governor.record },
    });
    closers.push(() => environments.close());
    await environments.apply();
    const mode = () => environments.current().mode;

    const context: AccountsContext = {
      db,
      accounts,
      secrets,
      vault,
      clock: config.clock,
      events,
      domain,
      logger: config.logger.child('accounts'),
      environment: () => environments.current(),
      client: () => environments.client(),
      requireSealing: () => secureStorage.requireSealing(),
      ...(config.authWindow ? { authWindow: config.authWindow } : {}),
    };
    const alerts = new AttentionAlerts(events, context.logger, config.notifier);
    const health = new HealthKeeper(context, alerts, config.healthConcurrency ? { concurrency: config.healthConcurrency } : {});
    const sessions = new AccountSessions(context, health);
    const wake = (reason: string) => {
      logger.info('refresh sweep', { reason });
      return health.sweep().catch((error: unknown) => logger.error('refresh sweep failed', { error }));
    };
    // A changed keyring locks the vault but never stops the app: every account shows Reconnect.
    if (vault.state === 'keyring_changed') await health.markKeyringChanged();
    const info = (): AppInfo => ({
      mode: mode(),
      host: config.host,
      version: config.version,
      sandboxUrl: environments.activeSandbox()?.url ?? null,
      keyProtectionWarning: config.keyProtector.weaknessWarning(),
      liveConfig: environments.current().live,
      secureStorage: vault.state,
      weakKeyringConsent: secureStorage.consent(),
    });
    const settingsControls = new SettingsControls({ settings, secureStorage, environments, info, events, domain });
    const jobs = new JobRunner({
      repo: new JobsRepo(db),
      clock: config.clock,
      timers,
      environment: mode,
      logger: config.logger,
    });
    // The step in flight finishes and is stored; what is left runs at the next start.
    closers.push(() => jobs.stop());
    const library = new MediaLibrary({
      db,
      dataDir: config.dataDir,
      clock: config.clock,
      logger: config.logger.child('media'),
      onNeedsConversion: (mediaId) => conversions.schedule(mediaId),
    });
    const conversions = new VideoConversions({ library, jobs, events, clock: config.clock, environment: mode, logger: config.logger.child('media') });
    conversions.resumePending();
    await library.removeUnfinishedImports();
    library.restrictToOwner();
    const previews = new MediaPreviews({ folder: library.folder, find: (id) => library.find(id) });
    // Only end-to-end tests serve pasted pictures from this computer.
    const links = new LinkPreviews({ folder: join(library.folder, 'previews'), allowLoopback: config.env.NODE_ENV === 'test' });
    let sandboxFiles: SandboxMediaHost | null = null;
    const mediaHosting = new MediaHostingService({
      store: { get: () => settingsRepo.get('mediaHosting'), set: (value) => settingsRepo.set('mediaHosting', value) },
      secrets: settings.appSecret('s3_secret_access_key'),
      clock: config.clock,
      logger: config.logger.child('media-hosting'),
      // Each fetch through the tunnel shows on its post: the user sees Instagram took the file.
      onFetch: (fetch) => domain.emit('media.fetched', fetch),
    });
    closers.push(() => mediaHosting.stop());
    const mediaCheck = new MediaReachability({ hosting: mediaHosting, clock: config.clock, inSandbox: () => environments.activeSandbox() !== null });
    const posts = new PostsRepo(db);
    const publishing = createPublishing({
      posts,
      accounts,
      sessions,
      jobs,
      media: new HostedMediaSource({
        publicUrls: mediaHosting.publicUrls,
        // The sandbox hosts media itself; live mode uses the bucket or tunnel the user set up.
        files: () => {
          const sandbox = environments.activeSandbox();
          if (!sandbox) return mediaHosting.host();
          sandboxFiles ??= new SandboxMediaHost((bytes, type) => sandbox.hostMedia(bytes, type));
          return sandboxFiles;
        },
        library: {
          file: async (mediaId, options) => {
            // A video being converted goes online once its conversion is done.
            await conversions.ready(mediaId);
            return library.instagramFile(mediaId, options);
          },
          cover: async (videoId, imageId) => {
            const prepared = await library.prepareReelCover(videoId, { imageId });
            if (!('image' in prepared)) throw new Error('a cover photo was asked for');
            return { path: prepared.image.file, contentType: 'image/jpeg', bytes: prepared.image.bytes };
          },
        },
      }),
      clock: config.clock,
      events,
      domain,
      logger: config.logger.child('publishing'),
      notifier: config.notifier,
      mode,
      verifyMedia: (post) => mediaCheck.verify(post.media),
      mediaFiles: (mediaId) => library.find(mediaId),
      missedSlotGraceMs: () => settings.getPreferences().missedSlotGraceMinutes * MINUTE,
    });
    // Jobs wait for their own mode: switching back lets them run.
    domain.on('environment.changed', () => jobs.wake());
    // Background checks pass the rate-limit governor (ratelimit/gate.ts); a user's own request never does.
    const insights = createInsights({
      db,
      domain,
      posts,
      accounts,
      sessions,
      jobs,
      clock: config.clock,
      events,
      logger: config.logger.child('insights'),
      mode,
      gate: governor,
    });
    insights.scheduleAccounts();
    // Comments and direct messages poll, notify and pass the governor alike.
    const inboxDeps = {
      db,
      domain,
      accounts,
      sessions,
      jobs,
      clock: config.clock,
      events,
      mode,
      preferences: () => settings.getPreferences(),
      notifier: config.notifier,
      gate: governor,
    };
    const comments = createComments({ ...inboxDeps, posts });
    comments.scheduleAccounts();
    const messages = createMessages({ ...inboxDeps, comments: comments.repo });
    messages.scheduleAccounts();
    const refreshSweep = registerRefreshSweep({ jobs, clock: config.clock, mode, domain, sweep: () => wake('timer') });
    // Every hour while this host runs background timers; a sweep left booked by one that did is dropped otherwise.
    if (config.backgroundTimers) refreshSweep.schedule();
    else refreshSweep.cancel();
    publishing.catchUp();
    jobs.start();
    const connect = new ConnectFlow(context);
    const transfer = new Transfer({
      rows: new TransferRepo(db),
      accounts,
      secrets,
      appSecrets,
      settings: settingsRepo,
      vault,
      mediaFolder: library.folder,
      clock: config.clock,
      logger: config.logger.child('transfer'),
      requireSealing: () => secureStorage.requireSealing(),
      schedulePublish: ({ id, environment, dueAt }) => jobs.schedule({ kind: PUBLISH_JOB, key: publishJobKey(id), dueAt, environment, payload: { postId: id } }),
      imported: async () => {
        // The import wrote account rows itself: readers that cache what they derive from the repository read again.
        accounts.wroteElsewhere();
        conversions.resumePending();
        events.emit('accounts.changed', { reason: 'imported' });
        publishing.catchUp();
        insights.scheduleAccounts();
        messages.scheduleAccounts();
        events.emit('posts.changed', {});
        await settingsControls.reconfigured();
      },
    });
    const dispatch = createDispatcher(
      createHandlers({
        info,
        accounts: new AccountsService(context),
        connect,
        health,
        posts: publishing.posts,
        mediaHosting,
        media: library,
        mediaLinks: links,
        insights: insights.service,
        comments: comments.service,
        messages: messages.service,
        usage: () => governor.view(),
        settings: settingsControls,
        transfer,
      }),
      config.logger.child('ipc'),
      { checkOutputs: checkContract },
    );

    // Catch up at start: the app may have been closed for weeks.
    if (config.backgroundTimers) void wake('start');

    let closed = false;
    return {
      info,
      dispatch,
      subscribe: (listener) => events.subscribe(listener),
      handleOAuthCallback: async (url): Promise<Result<unknown>> => connect.finish(url),
      mediaPreview: async (preview) => {
        try {
          if (preview.variant === 'link') {
            const picture = await links.file(preview.mediaId);
            return picture ? { ok: true, value: picture } : { ok: false, error: appError('media_not_found') };
          }
          return { ok: true, value: await previews.file(preview) };
        } catch (error) {
          if (!isFailure(error)) throw error;
          if (error.code !== 'media_not_found') config.logger.child('media').warn('media preview failed', { mediaId: preview.mediaId, error: error.error });
          return { ok: false, error: error.error };
        }
      },
      mediaFile: (mediaId) => {
        try {
          return { ok: true, value: { path: library.pathOf(library.get(mediaId)), folder: library.folder } };
        } catch (error) {
          if (!isFailure(error)) throw error;
          return { ok: false, error: error.error };
        }
      },
      wake,
      attentionCount: () => health.attentionCount(),
      waitingForApprovalCount: () => publishing.posts.waitingForApprovalCount(),
      jobsIdle: () => jobs.idle(),
      close: async () => {
        if (closed) return;
        closed = true;
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

