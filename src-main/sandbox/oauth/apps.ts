/** The registered Instagram apps (id, secret, redirect URIs, mode): the OAuth flow's configuration. */
import { SandboxInputError, type SandboxApp } from '../types';

function copyApp(app: SandboxApp): SandboxApp {
  return { ...app, redirectUris: [...app.redirectUris] };
}

export class AppRegistry {
  private byId = new Map<string, SandboxApp>();

  constructor(private readonly changed: () => void) {}

  register(app: SandboxApp): SandboxApp {
    if (!/^[0-9]{1,32}$/.test(app.appId)) throw new SandboxInputError('appId must be digits');
    if (!/^[0-9a-f]{32}$/.test(app.appSecret)) throw new SandboxInputError('appSecret must be 32 lowercase hex characters');
    if (app.mode !== 'development' && app.mode !== 'live') throw new SandboxInputError("mode must be 'development' or 'live'");
    for (const uri of app.redirectUris) checkRedirectUri(uri);
    const stored = copyApp(app);
    stored.redirectUris = [...new Set(stored.redirectUris)];
    this.byId.set(app.appId, stored);
    this.changed();
    return copyApp(stored);
  }

  addRedirectUri(appId: string, uri: string): SandboxApp {
    const app = this.byId.get(appId);
    if (!app) throw new SandboxInputError(`Unknown app ${appId}`);
    checkRedirectUri(uri);
    if (!app.redirectUris.includes(uri)) {
      app.redirectUris.push(uri);
      this.changed();
    }
    return copyApp(app);
  }

  get(appId: string): SandboxApp | undefined {
    return this.byId.get(appId);
  }

  has(appId: string): boolean {
    return this.byId.has(appId);
  }

  list(): SandboxApp[] {
    return [...this.byId.values()].map(copyApp);
  }

  get size(): number {
    return this.byId.size;
  }
}

export function copyApps(apps: SandboxApp[]): SandboxApp[] {
  return apps.map(copyApp);
}

function checkRedirectUri(uri: string): void {
  if (typeof uri !== 'string' || uri.length > 2048 || uri.includes('#')) throw new SandboxInputError(`Invalid redirect URI ${uri}`);
  try {
    new URL(uri);
  } catch {
    throw new SandboxInputError(`Invalid redirect URI ${uri}`);
  }
}
