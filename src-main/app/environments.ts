import { join } from 'node:path';
import type { Clock } from '../config/clock';
import { DESKTOP_SANDBOX_REDIRECT_URI, resolveLive, sandboxEnvironment, type Environment, type LiveSettings } from '../config/environment';
import type { Logger } from '../config/logger';
import { InstagramClient } from '../instagram/client';
import type { UsageReading } from '../ratelimit/usage';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET, SANDBOX_OUTSIDE_MEDIA, startSandbox, type Sandbox } from '../sandbox';

export interface EnvironmentsDeps {
  env: Record<string, string | undefined>;
  storedLive: () => LiveSettings;
  clock: Clock;
  dataDir: string;
  logger: Logger;
  /** Browser host: its loopback callback, the sandbox's redirect URI there. */
  webCallbackUrl?: string | undefined;
  /** Tests: a sandbox already running, used and left running. */
  sandbox?: Sandbox | undefined;
  client: { connections: number; timeoutMs?: number | undefined; onUsage?: ((reading: UsageReading) => void) | undefined };
}

/**
 * Which Instagram the app talks to (DESIGN.md §10): live when an Instagram app is configured
 * (environment variables over settings), else the built-in sandbox, started on first need. Owns the
 * HTTP client for it; switching closes the old one. Everything else asks it, never caches the answer.
 */
export class Environments {
  private environment: Environment | null = null;
  private instagram: InstagramClient | null = null;
  private sandboxInstance: Sandbox | null;
  private readonly ownsSandbox: boolean;

  constructor(private readonly deps: EnvironmentsDeps) {
    this.sandboxInstance = deps.sandbox ?? null;
    this.ownsSandbox = !deps.sandbox;
  }

  /** Picks live or sandbox from the environment variables and settings as they are now. */
  async apply(): Promise<Environment> {
    const live = resolveLive(this.deps.env, this.deps.storedLive());
    let next: Environment;
    if (live) {
      next = { mode: 'live', ...live };
    } else {
      const redirectUri = this.deps.webCallbackUrl ?? DESKTOP_SANDBOX_REDIRECT_URI;
      const sandbox = await this.startedSandbox();
      sandbox.world.addRedirectUri(SANDBOX_APP_ID, redirectUri);
      next = sandboxEnvironment({ url: sandbox.url, clientId: SANDBOX_APP_ID, clientSecret: SANDBOX_APP_SECRET, redirectUri });
    }
    const previous = this.instagram;
    this.instagram = new InstagramClient(next.endpoints, this.deps.client);
    this.environment = next;
    await previous?.close();
    this.deps.logger.info('environment ready', { mode: next.mode });
    return next;
  }

  current(): Environment {
    if (!this.environment) throw new Error('Environments.apply() has not run');
    return this.environment;
  }

  client(): InstagramClient {
    if (!this.instagram) throw new Error('Environments.apply() has not run');
    return this.instagram;
  }

  /** The built-in sandbox while the app is in sandbox mode, else null. */
  activeSandbox(): Sandbox | null {
    return this.environment?.mode === 'sandbox' ? this.sandboxInstance : null;
  }

  async close(): Promise<void> {
    await this.instagram?.close();
    if (this.ownsSandbox) await this.sandboxInstance?.close();
  }

  private async startedSandbox(): Promise<Sandbox> {
    // Set only by tests that drive the sandbox of a host they started; never shown in the UI.
    const controlToken = this.deps.env.POSTDECK_SANDBOX_CONTROL_TOKEN;
    this.sandboxInstance ??= await startSandbox({
      clock: this.deps.clock,
      quiet: true,
      stateFile: join(this.deps.dataDir, 'sandbox-state.json'),
      // Insights and comments cover the whole account: some media were published in the Instagram app.
      outsideMediaPerPerson: SANDBOX_OUTSIDE_MEDIA,
      ...(controlToken ? { controlToken } : {}),
    });
    return this.sandboxInstance;
  }
}
