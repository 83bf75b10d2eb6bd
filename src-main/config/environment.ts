import type { AppMode, LiveConfigSummary } from '../../src-shared/models';

export interface InstagramEndpoints {
  /** www.instagram.com: the authorize page. */
  authBase: string;
  /** api.instagram.com: the code exchange. */
  apiBase: string;
  /** graph.instagram.com: long-lived tokens, refresh, profile. */
  graphBase: string;
  /** e.g. 'v24.0'; empty for unversioned calls. */
  graphVersion: string;
}

/** Everything the sign-in and refresh code needs to talk to one Instagram: real, or the sandbox. */
export interface Environment {
  mode: AppMode;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  endpoints: InstagramEndpoints;
  /** Origins the desktop popup may navigate to. */
  allowedOrigins: string[];
  live: LiveConfigSummary | null;
}

export const DEFAULT_GRAPH_VERSION = 'v24.0';

export const INSTAGRAM_ENDPOINTS: InstagramEndpoints = {
  authBase: 'https://www.instagram.com',
  apiBase: 'https://api.instagram.com',
  graphBase: 'https://graph.instagram.com',
  graphVersion: DEFAULT_GRAPH_VERSION,
};

/** Instagram's sign-in pages move between these hosts (login, consent, two-factor, account center). */
export const INSTAGRAM_ORIGINS = ['https://www.instagram.com', 'https://instagram.com', 'https://api.instagram.com', 'https://*.instagram.com'];

/** The desktop popup intercepts this before any request leaves, so it never needs to resolve. */
export const DESKTOP_SANDBOX_REDIRECT_URI = 'https://sandbox.postdeck.invalid/oauth/instagram/callback';

export interface LiveSettings {
  appId: string | null;
  redirectUri: string | null;
  appSecret: string | null;
  /** A sealed secret exists but cannot be opened: Settings asks for it again. */
  secretDamaged: boolean;
}

type Env = Record<string, string | undefined>;

function envValue(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** The live configuration, environment variables overriding stored settings (DESIGN.md §8); null means sandbox. */
export function resolveLive(env: Env, stored: LiveSettings): Omit<Environment, 'mode'> | null {
  if (envValue(env, 'POSTDECK_SANDBOX') === '1') return null;
  const envAppId = envValue(env, 'POSTDECK_IG_APP_ID');
  const appId = envAppId ?? stored.appId;
  if (!appId) return null;
  const redirectUri = envValue(env, 'POSTDECK_IG_REDIRECT_URI') ?? stored.redirectUri ?? '';
  const envSecret = envValue(env, 'POSTDECK_IG_APP_SECRET');
  const clientSecret = envSecret ?? stored.appSecret ?? '';
  const endpoints: InstagramEndpoints = {
    authBase: envValue(env, 'POSTDECK_IG_AUTH_BASE') ?? INSTAGRAM_ENDPOINTS.authBase,
    apiBase: envValue(env, 'POSTDECK_IG_API_BASE') ?? INSTAGRAM_ENDPOINTS.apiBase,
    graphBase: envValue(env, 'POSTDECK_IG_GRAPH_BASE') ?? INSTAGRAM_ENDPOINTS.graphBase,
    graphVersion: envValue(env, 'POSTDECK_IG_GRAPH_VERSION') ?? INSTAGRAM_ENDPOINTS.graphVersion,
  };
  const customAuth = endpoints.authBase !== INSTAGRAM_ENDPOINTS.authBase;
  return {
    clientId: appId,
    clientSecret,
    redirectUri,
    endpoints,
    allowedOrigins: customAuth ? [new URL(endpoints.authBase).origin] : INSTAGRAM_ORIGINS,
    live: {
      appId,
      redirectUri,
      secretStored: clientSecret !== '',
      secretDamaged: !envSecret && stored.secretDamaged,
      source: envAppId ? 'environment' : 'settings',
    },
  };
}

export function sandboxEnvironment(input: { url: string; clientId: string; clientSecret: string; redirectUri: string }): Environment {
  return {
    mode: 'sandbox',
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    redirectUri: input.redirectUri,
    endpoints: { authBase: input.url, apiBase: input.url, graphBase: input.url, graphVersion: DEFAULT_GRAPH_VERSION },
    allowedOrigins: [new URL(input.url).origin],
    live: null,
  };
}
