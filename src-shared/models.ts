/** Plain data shared by main and renderer. Never holds a token or a secret. */

export const REQUIRED_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
  'instagram_business_manage_comments',
] as const;

/** Asked only for an account whose user turns messages on (never by default). */
export const MESSAGES_SCOPE = 'instagram_business_manage_messages';

export type Scope = (typeof REQUIRED_SCOPES)[number] | typeof MESSAGES_SCOPE;

export const SCOPE_LABELS: Record<Scope, string> = {
  instagram_business_basic: 'Profile and media',
  instagram_business_content_publish: 'Publish content',
  instagram_business_manage_insights: 'Insights',
  instagram_business_manage_comments: 'Comments',
  instagram_business_manage_messages: 'Messages',
};

export type AccountType = 'BUSINESS' | 'MEDIA_CREATOR';

export type HealthState = 'healthy' | 'expiring_soon' | 'unhealthy';

export type HealthReason =
  | 'token_expired'
  | 'token_revoked'
  | 'permission_removed'
  | 'account_not_eligible'
  | 'keyring_changed'
  | 'secret_damaged'
  | 'refresh_failing';

export const HEALTH_REASONS = [
  'token_expired',
  'token_revoked',
  'permission_removed',
  'account_not_eligible',
  'keyring_changed',
  'secret_damaged',
  'refresh_failing',
] as const satisfies readonly HealthReason[];

export interface AccountHealth {
  state: HealthState;
  reason?: HealthReason;
  /** Last time Instagram answered a check, ISO string. */
  checkedAt: string | null;
}

export interface Account {
  id: string;
  igUserId: string;
  username: string;
  name: string | null;
  accountType: AccountType;
  pictureUrl: string | null;
  /** The profile's counts as Instagram last reported them (at connect and each check); null until then. */
  followersCount: number | null;
  mediaCount: number | null;
  scopes: string[];
  consentAt: string;
  connectedAt: string;
  tokenExpiresAt: string;
  lastRefreshAt: string | null;
  /** How this account's posts publish unless a post says otherwise. */
  defaultMode: 'automatic' | 'manual';
  health: AccountHealth;
  /** The user turned direct messages on and Instagram granted the messages permission. */
  messagesEnabled: boolean;
}

export type AppMode = 'sandbox' | 'live';

/** Which host runs the app: the desktop app, the browser host, or `postdeck serve` with no window. */
export const HOST_KINDS = ['desktop', 'web', 'serve'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

export interface AppInfo {
  mode: AppMode;
  host: HostKind;
  /** The built-in emulator's address in sandbox mode, else null. */
  sandboxUrl: string | null;
  version: string;
  /** Set when secrets are not protected by an OS keyring (Linux basic_text, the web host's file key). */
  keyProtectionWarning: string | null;
  /** Where live-mode configuration comes from, if any. */
  liveConfig: LiveConfigSummary | null;
  /**
   * `keyring_changed`: the master key could not be opened with today's keyring, so no sealed secret can
   * be used until the keyring is restored or secure storage is reset (Settings).
   */
  secureStorage: 'ok' | 'keyring_changed';
  /**
   * Linux `basic_text` only: whether the user agreed to seal tokens under Electron's fixed key.
   * `null` where the keyring protects secrets and nothing needs asking.
   */
  weakKeyringConsent: WeakKeyringConsent | null;
}

export type WeakKeyringConsent = 'ask' | 'allowed' | 'refused';

export interface LiveConfigSummary {
  appId: string;
  redirectUri: string;
  secretStored: boolean;
  /** A sealed secret exists but cannot be opened (damaged, or sealed under a reset key): enter it again. */
  secretDamaged: boolean;
  source: 'settings' | 'environment';
}

export interface Preferences {
  keepRunningInTray: boolean;
  startAtLogin: boolean;
  /** A slot missed while Postdeck was closed still publishes if it is at most this late; later, it waits for approval. */
  missedSlotGraceMinutes: number;
  /** An OS notification when polling finds new comments. */
  notifyNewComments: boolean;
  /** An OS notification when polling finds new direct messages (only accounts with messages on are polled). */
  notifyNewMessages: boolean;
}

/** The one source of default preferences, for main (settings, desktop lifecycle) and renderer alike. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({ keepRunningInTray: true, startAtLogin: false, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true });
