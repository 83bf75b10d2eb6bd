import type { Result } from '../../src-shared/errors';
import type { AppEvent } from '../../src-shared/events';
import type { AppInfo, HostKind } from '../../src-shared/models';
import type { MediaPreview } from '../../src-shared/mediaPreview';
import type { Notifier } from '../accounts/alerts';
import type { AuthWindow } from '../auth/authWindow';
import type { Clock } from '../config/clock';
import type { Timers } from '../config/timers';
import type { Sandbox } from '../sandbox';
import type { Logger } from '../config/logger';
import type { PreviewFile } from '../media/previews';
import type { KeyProtector } from '../vault/keyProtector';



/** Everything a host hands the composition root. No module-level singletons anywhere. */
export interface AppConfig {
  host: HostKind;
  version: string;
  dataDir: string;
  clock: Clock;
  /** When jobs run (default: real timers on `clock`); tests pass their ManualClock. */
  timers?: Timers;
  logger: Logger;
  keyProtector: KeyProtector;
  /** POSTDECK_* variables (DESIGN.md §8); pass process.env. */
  env: Record<string, string | undefined>;
  /** Desktop: the popup. Absent on the browser host, whose renderer opens the popup itself. */
  authWindow?: AuthWindow;
  /** Browser host: its own loopback callback URL, used as the redirect URI in sandbox mode. */
  webCallbackUrl?: string;
  /** Desktop: OS notifications. */
  notifier?: Notifier;
  /** Path of a better-sqlite3 native binding built for this runtime (Electron's ABI on desktop). */
  sqliteNativeBinding?: string;
  /** Tests and benchmarks: use this already running sandbox (and leave it running) instead of starting one. */
  sandbox?: Sandbox;
  /** How long one Instagram request may take before it counts as a network failure (default 20 s). */
  httpTimeoutMs?: number;
  /** Most health checks in flight at once (default 16). */
  healthConcurrency?: number;
  /** Run the hourly refresh sweep timer (off in tests that drive sweeps themselves). */
  backgroundTimers?: boolean;
  /**
   * Check handler outputs and event payloads against their schemas (a mismatch is logged; a handler's
   * becomes `internal_error`). Default: on unless `env.NODE_ENV` is `production`.
   */
  checkContract?: boolean;
}

export interface PostdeckApp {
  info(): AppInfo;
  /** Validates input against the channel table, runs the handler, never throws. */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
  /**
   * A picture of a media library item for the renderer (the desktop's media scheme, the browser host's
   * media route): `media_not_found` for an unknown id, `media_ffmpeg_failed` or `media_damaged` when it cannot be made.
   */
  mediaPreview(preview: MediaPreview): Promise<Result<PreviewFile>>;
  /** Desktop: where a media library item's file is, and the library's folder (`media_not_found` for an unknown id). */
  mediaFile(mediaId: string): Result<{ path: string; folder: string }>;
  /** Browser host: finish a sign-in from the callback route's full URL. */
  handleOAuthCallback(url: string): Promise<Result<unknown>>;
  /** A refresh sweep now (start, resume from sleep, network back); resolves when it is done. */
  wake(reason: 'start' | 'resume' | 'online' | 'timer'): Promise<void>;
  /** Resolves once no job runs and none is due now (tests and the headless host's shutdown wait on it). */
  jobsIdle(): Promise<void>;
  /** Accounts that need the user's attention (for the tray). */
  attentionCount(): number;
  /** Posts waiting for the user's approval (for the tray). */
  waitingForApprovalCount(): number;
  close(): Promise<void>;
}
