/**
 * Postdeck sandbox: a local emulator of the Instagram endpoints Postdeck uses (instagram-platform.md).
 * One loopback server answers the www.instagram.com, api.instagram.com and graph.instagram.com paths.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../config/clock';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from './constants';
import type { RequestLogEntry } from './requestLog';
import { WorldPersistence } from './persistence';
import { startServer } from './server';
import type { Timer } from './timer';
import { SandboxInputError, type PermissionsShape, type SandboxApp, type TokenResponseShape } from './types';
import type { HostedMedia } from './publishing/hosting';
import type { PublishingOptions } from './publishing/store';
import { SandboxWorld } from './world';

export { SANDBOX_APP_ID, SANDBOX_APP_SECRET, SANDBOX_OUTSIDE_MEDIA } from './constants';
export { SandboxWorld, type SandboxStats, type AppUsage } from './world';
export type { Fault, FaultInput, FaultKind } from './faults';
export type { HostedMedia } from './publishing/hosting';
export {
  DEFAULT_PUBLISHING_OPTIONS,
  type ContainerKind,
  type ContainerRecord,
  type ContainerStatusCode,
  type PublishingOptions,
} from './publishing/store';
export type { RequestLogEntry } from './requestLog';
export { ALL_SCOPES, BASIC_SCOPE } from './scopes';
export type {
  AccountType,
  AppMode,
  CommentRecord,
  MediaRecord,
  NewPerson,
  PermissionsShape,
  RevokeReason,
  SandboxApp,
  SandboxPerson,
  TokenResponseShape,
} from './types';
export { SandboxInputError } from './types';
export type { Timer } from './timer';

/** A caller-chosen control token must be at least this long: it is all that guards the control API. */
const MIN_CONTROL_TOKEN_LENGTH = 32;

export interface SandboxOptions {
  /** 0 / undefined = ephemeral; always binds 127.0.0.1. */
  port?: number;
  clock?: Clock;
  /** Default: one development-mode app with SANDBOX_APP_ID / SANDBOX_APP_SECRET and no redirect URIs. */
  apps?: SandboxApp[];
  /** Shape of the code-exchange answer (fact sheet §2); default 'flat'. */
  tokenResponseShape?: TokenResponseShape;
  /** `permissions` as a comma string (default) or an array. */
  permissionsShape?: PermissionsShape;
  /** Calls per app per hour that read as 100% in `X-App-Usage` (default 100,000). */
  appCallBudget?: number;
  /**
   * Containers' processing times on the sandbox clock (images 2 s, videos 10 s), the publish quota total (50)
   * and the real-time limit on fetching a media URL (10 s). Changeable later with `POST /__sandbox/options`.
   */
  publishing?: Partial<PublishingOptions>;
  /** Media each seeded person published outside Postdeck (world.ts). Default none. */
  outsideMediaPerPerson?: number;
  /** No output at all (otherwise unexpected handler errors go to stderr). */
  quiet?: boolean;
  /** Called for every answered non-control request (method, path, status; never a token). */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Keep the world (people, tokens, revocations, account types, clock offset) in this JSON file across
   * restarts: loaded at start, saved shortly after changes and on close (persistence.ts). Default: memory only.
   */
  stateFile?: string;
  /**
   * The token `/__sandbox/*` requires as `Authorization: Bearer …` (at least 32 characters). Default: a
   * random one per run, readable as `Sandbox.controlToken`.
   */
  controlToken?: string;
  /** How latency faults and state-file saves wait; tests pass a manual timer. Default: real time. */
  timer?: Timer;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  authBase: string;
  apiBase: string;
  graphBase: string;
  world: SandboxWorld;
  /** The per-run token for the control API (`Authorization: Bearer …`); Instagram's own paths need none. */
  controlToken: string;
  /**
   * Serves `bytes` publicly (GET/HEAD, no token) at `${url}/media/<256-bit random>` until `remove()`: in sandbox
   * mode this is where Postdeck puts media for Instagram to fetch. In memory; gone after a restart.
   */
  hostMedia(bytes: Uint8Array, contentType: string): HostedMedia;
  /**
   * Resolves once no request is being handled. A client that dies mid-request (a test's SIGKILL) may leave
   * one held by latency: like Instagram, the sandbox still answers it, changing tokens after the client is gone.
   */
  idle(): Promise<void>;
  /** Stops listening and destroys open sockets; with a state file, writes it one last time. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const controlToken = options.controlToken ?? randomBytes(32).toString('base64url');
  if (controlToken.length < MIN_CONTROL_TOKEN_LENGTH) throw new SandboxInputError(`controlToken must be at least ${MIN_CONTROL_TOKEN_LENGTH} characters`);
  const world = new SandboxWorld({
    ...(options.clock ? { clock: options.clock } : {}),
    apps: options.apps ?? [{ appId: SANDBOX_APP_ID, appSecret: SANDBOX_APP_SECRET, redirectUris: [], mode: 'development' }],
    ...(options.tokenResponseShape ? { tokenResponseShape: options.tokenResponseShape } : {}),
    ...(options.permissionsShape ? { permissionsShape: options.permissionsShape } : {}),
    ...(options.appCallBudget ? { appCallBudget: options.appCallBudget } : {}),
    ...(options.publishing ? { publishing: options.publishing } : {}),
    ...(options.outsideMediaPerPerson ? { outsideMediaPerPerson: options.outsideMediaPerPerson } : {}),
  });
  const persistence = options.stateFile
    ? new WorldPersistence(world, { file: options.stateFile, quiet: options.quiet ?? false, ...(options.timer ? { timer: options.timer } : {}) })
    : null;
  persistence?.load();
  const server = await startServer(world, {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.quiet !== undefined ? { quiet: options.quiet } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.timer ? { timer: options.timer } : {}),
    controlToken,
  });
  persistence?.watch();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= server.close().then(() => {
      persistence?.close();
    }));
  const hostMedia = (bytes: Uint8Array, contentType: string): HostedMedia => {
    const hosted = world.mediaHost.host(bytes, contentType);
    return { url: `${server.url}${hosted.path}`, fetches: hosted.fetches, remove: hosted.remove };
  };
  return { url: server.url, authBase: server.url, apiBase: server.url, graphBase: server.url, world, controlToken, hostMedia, idle: () => server.idle(), close };
}
