import type { Dispatcher } from 'undici';
import {
  mediaHostingInputSchema,
  s3HostingSchema,
  tunnelHostingSchema,
  noHostingSchema,
  type MediaHostingInput,
  type MediaHostingView,
} from '../../../src-shared/mediaHosting';
import type { Clock } from '../../config/clock';
import type { Logger } from '../../config/logger';
import { z } from 'zod';
import { Failure } from '../../config/failure';
import { PublicUrlMediaHost } from './publicUrl';
import { S3MediaHost } from './s3';
import { TunnelMediaHost } from './tunnel';
import type { MediaFetch, MediaHost } from './types';

/** The hosting choice as plain settings (the S3 secret key is never in it). */
export interface HostingSettingsStore {
  get(): string | null;
  set(value: string): void;
}

/** The S3 secret access key, sealed in the vault; `get` answers null when it is missing or will not open. */
export interface HostingSecrets {
  get(): string | null;
  put(secret: string): void;
  remove(): void;
}

export interface MediaHostingDeps {
  store: HostingSettingsStore;
  secrets: HostingSecrets;
  clock: Clock;
  logger: Logger;
  /** A fetch of a post's file through the tunnel: show it on the post. */
  onFetch: (fetch: MediaFetch) => void;
  /** For check() fetches; tests pass an Agent. */
  dispatcher?: Dispatcher;
}

const storedSchema = z.discriminatedUnion('kind', [s3HostingSchema.omit({ secretAccessKey: true }), tunnelHostingSchema, noHostingSchema]);
type StoredSettings = z.infer<typeof storedSchema>;

/**
 * Settings → Media hosting: stores the choice, builds the matching host, and owns the tunnel server's
 * lifecycle (a new choice stops the old server). Pasted URLs go through `publicUrls` whatever the choice.
 */
export class MediaHostingService {
  readonly publicUrls: PublicUrlMediaHost;
  private current: MediaHost | null = null;

  constructor(private readonly deps: MediaHostingDeps) {
    this.publicUrls = new PublicUrlMediaHost({ dispatcher: deps.dispatcher });
  }

  view(): MediaHostingView {
    const stored = this.stored();
    return stored.kind === 's3' ? { ...stored, secretStored: this.deps.secrets.get() !== null } : stored;
  }

  async set(input: MediaHostingInput): Promise<MediaHostingView> {
    const settings = mediaHostingInputSchema.parse(input);
    if (settings.kind === 's3' && settings.secretAccessKey === undefined && this.deps.secrets.get() === null) {
      throw new Failure('hosting_not_configured', 'Enter the secret access key: none is stored.');
    }
    await this.stop();
    if (settings.kind === 's3') {
      const { secretAccessKey, ...rest } = settings;
      if (secretAccessKey !== undefined) this.deps.secrets.put(secretAccessKey);
      this.deps.store.set(JSON.stringify(rest));
    } else {
      // Credentials for a bucket no longer in use are not kept.
      this.deps.secrets.remove();
      this.deps.store.set(JSON.stringify(settings));
    }
    return this.view();
  }

  /** The host for media files in Postdeck's media folder. */
  host(): MediaHost {
    this.current ??= this.build();
    return this.current;
  }

  /** Before scheduling: a test upload and fetch through the chosen host. */
  async check(): Promise<void> {
    await this.host().check();
  }

  /** Stops the tunnel server, if one runs; a later publish or check starts it again. */
  async stop(): Promise<void> {
    const running = this.current;
    this.current = null;
    if (running instanceof TunnelMediaHost) await running.stop();
  }

  private build(): MediaHost {
    const stored = this.stored();
    switch (stored.kind) {
      case 'none':
        throw new Failure('hosting_not_configured');
      case 's3': {
        const secretAccessKey = this.deps.secrets.get();
        if (secretAccessKey === null) throw new Failure('hosting_not_configured', 'The secret access key is missing: enter it again.');
        return new S3MediaHost({ ...stored, secretAccessKey }, { dispatcher: this.deps.dispatcher });
      }
      case 'tunnel':
        return new TunnelMediaHost({
          settings: stored,
          clock: this.deps.clock,
          logger: this.deps.logger.child('tunnel'),
          onFetch: this.deps.onFetch,
          dispatcher: this.deps.dispatcher,
        });
    }
  }

  private stored(): StoredSettings {
    const raw = this.deps.store.get();
    if (raw === null) return { kind: 'none' };
    try {
      return storedSchema.parse(JSON.parse(raw));
    } catch {
      this.deps.logger.warn('stored media hosting settings are unreadable; treating them as none');
      return { kind: 'none' };
    }
  }
}
