import { z } from 'zod';
import { CHANNEL_NAMES } from './contractNames';
import { HEALTH_REASONS, HOST_KINDS, type Account, type AppInfo, type Preferences } from './models';
import { mediaHostingInputSchema, mediaHostingViewSchema } from './mediaHosting';
import { mediaChannels } from './media';
import { postChannels } from './posts';
import { insightsChannels } from './insights';
import { transferChannels } from './transfer';
import { commentsChannels } from './comments';
import { messagesChannels } from './messages';

/**
 * The one table of request/response channels between the renderer and the main process.
 * The main side validates every input against `input` before a handler runs.
 */
const accountId = z.string().uuid();

export const accountSchema: z.ZodType<Account> = z.object({
  id: z.string(),
  igUserId: z.string(),
  username: z.string(),
  name: z.string().nullable(),
  accountType: z.enum(['BUSINESS', 'MEDIA_CREATOR']),
  pictureUrl: z.string().nullable(),
  followersCount: z.number().int().nonnegative().nullable(),
  mediaCount: z.number().int().nonnegative().nullable(),
  scopes: z.array(z.string()),
  consentAt: z.string(),
  connectedAt: z.string(),
  tokenExpiresAt: z.string(),
  lastRefreshAt: z.string().nullable(),
  defaultMode: z.enum(['automatic', 'manual']),
  health: z.object({
    state: z.enum(['healthy', 'expiring_soon', 'unhealthy']),
    reason: z.enum(HEALTH_REASONS).optional(),
    checkedAt: z.string().nullable(),
  }),
  messagesEnabled: z.boolean(),
});

const appInfoSchema: z.ZodType<AppInfo> = z.object({
  mode: z.enum(['sandbox', 'live']),
  host: z.enum(HOST_KINDS),
  sandboxUrl: z.string().nullable(),
  version: z.string(),
  keyProtectionWarning: z.string().nullable(),
  liveConfig: z
    .object({
      appId: z.string(),
      redirectUri: z.string(),
      secretStored: z.boolean(),
      secretDamaged: z.boolean(),
      source: z.enum(['settings', 'environment']),
    })
    .nullable(),
  secureStorage: z.enum(['ok', 'keyring_changed']),
  weakKeyringConsent: z.enum(['ask', 'allowed', 'refused']).nullable(),
});

const preferencesSchema = z.object({
  keepRunningInTray: z.boolean(),
  startAtLogin: z.boolean(),
  missedSlotGraceMinutes: z.number().int().min(0).max(24 * 60),
  notifyNewComments: z.boolean(),
  notifyNewMessages: z.boolean(),
}) satisfies z.ZodType<Preferences>;

const connectStarted = z.object({ attemptId: z.string(), authorizeUrl: z.string() });

export const liveConfigInput = z.object({
  appId: z.string().trim().regex(/^\d{5,20}$/, 'The Instagram App ID is a number of 5 to 20 digits.'),
  appSecret: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{32}$/i, 'The Instagram App secret is 32 letters and digits (0-9, a-f).')
    .optional(),
  redirectUri: z
    .string()
    .trim()
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && url.hash === '';
      } catch {
        return false;
      }
    }, 'The redirect URI must be an https:// address without a #fragment, exactly as registered.'),
});

export const channels = {
  'app.info': { input: z.object({}).strict(), output: appInfoSchema },
  'accounts.list': { input: z.object({}).strict(), output: z.array(accountSchema) },
  'accounts.connect': { input: z.object({}).strict(), output: connectStarted },
  'accounts.reconnect': { input: z.object({ accountId }).strict(), output: connectStarted },
  'accounts.cancelConnect': { input: z.object({ attemptId: z.string().max(100) }).strict(), output: z.object({}) },
  'accounts.check': { input: z.object({ accountId: accountId.optional() }).strict(), output: z.array(accountSchema) },
  'accounts.setDefaultMode': { input: z.object({ accountId, mode: z.enum(['automatic', 'manual']) }).strict(), output: accountSchema },
  'accounts.disconnect': { input: z.object({ accountId }).strict(), output: z.object({ removed: z.literal(true) }) },
  'settings.getPreferences': { input: z.object({}).strict(), output: preferencesSchema },
  'settings.setPreferences': { input: preferencesSchema.partial().strict(), output: preferencesSchema },
  'settings.setLiveConfig': { input: liveConfigInput.strict(), output: appInfoSchema },
  'settings.clearLiveConfig': { input: z.object({}).strict(), output: appInfoSchema },
  /** Discards every sealed secret and makes a new master key; accounts, history and settings stay. */
  'settings.resetSecureStorage': { input: z.object({ confirm: z.literal('reset') }).strict(), output: appInfoSchema },
  'settings.setWeakKeyringConsent': { input: z.object({ allow: z.boolean() }).strict(), output: appInfoSchema },
  'settings.getMediaHosting': { input: z.object({}).strict(), output: mediaHostingViewSchema },
  'settings.setMediaHosting': { input: mediaHostingInputSchema, output: mediaHostingViewSchema },
  /** A test upload and fetch through the chosen hosting; fails with what is wrong. */
  'settings.checkMediaHosting': { input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }) },
  ...postChannels,
  ...mediaChannels,
  /** `postdeck accounts connect --paste`: finish a sign-in from the address the browser ended on (an https redirect URI serves nothing here). */
  'accounts.finishConnect': { input: z.object({ url: z.string().min(1).max(4096) }).strict(), output: accountSchema },
  ...insightsChannels,
  ...transferChannels,
  ...commentsChannels,
  ...messagesChannels,
} as const satisfies Record<(typeof CHANNEL_NAMES)[number], { input: z.ZodType; output: z.ZodType }>;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Largest request body either host accepts (the browser host answers 413 past it). */
export const MAX_REQUEST_BYTES = 1024 * 1024;
