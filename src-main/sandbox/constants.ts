/** Fixed sandbox credentials and Instagram's lifetimes (fact sheet §1–§3). */
import { DAY, HOUR } from '../config/clock';
import type { SandboxApp } from './types';

export const SANDBOX_APP_ID = '1000000000000001';
export const SANDBOX_APP_SECRET = '5b0c7e1d9a3f4e8b2c6d0a7f1e9b3c5d';

export function defaultApps(): SandboxApp[] {
  return [{ appId: SANDBOX_APP_ID, appSecret: SANDBOX_APP_SECRET, redirectUris: [], mode: 'development' }];
}

export const CODE_TTL_MS = HOUR;
export const SHORT_TOKEN_TTL_MS = HOUR;
export const LONG_TOKEN_TTL_MS = 60 * DAY;
/** A long-lived token can be refreshed once it is at least this old. */
export const REFRESH_MIN_AGE_MS = DAY;
/** Calls per app per hour that make `X-App-Usage.call_count` read 100 (%). */
export const DEFAULT_APP_CALL_BUDGET = 100_000;

/** Media each seeded person published outside Postdeck in the app's and the CLI's sandbox (tests start with none). */
export const SANDBOX_OUTSIDE_MEDIA = 12;
