import { SCOPE_LABELS } from '../../src-shared/models';
import type { Account, AccountType, HealthReason, HealthState, Scope } from '../../src-shared/models';

/** Pure formatting helpers. `locale`/`timeZone` are parameters so tests are deterministic. */
export interface FormatOptions {
  locale?: string;
  timeZone?: string;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(iso: string | null | undefined, options: FormatOptions = {}): string {
  const date = parse(iso);
  if (!date) return 'unknown date';
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

export function formatDateTime(iso: string | null | undefined, options: FormatOptions = {}): string {
  const date = parse(iso);
  if (!date) return 'unknown date';
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** Down to the second, for logs where the order of steps matters. */
export function formatPreciseTime(iso: string | null | undefined, options: FormatOptions = {}): string {
  const date = parse(iso);
  if (!date) return 'unknown date';
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", … up to a week; older than that (or in
 * the future by more than a minute, i.e. a clock skew) falls back to the date.
 */
export function formatRelative(iso: string | null | undefined, now: number, options: FormatOptions = {}): string {
  const date = parse(iso);
  if (!date) return 'never';
  const diff = now - date.getTime();
  if (diff < -MINUTE || diff >= 7 * DAY) return formatDate(iso, options);
  if (diff < MINUTE) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  if (diff < HOUR) return rtf.format(-Math.floor(diff / MINUTE), 'minute');
  if (diff < DAY) return rtf.format(-Math.floor(diff / HOUR), 'hour');
  return rtf.format(-Math.floor(diff / DAY), 'day');
}

/** "1,234 followers", "1 post": the number in the user's locale, the noun in the plural it needs. */
export function formatCount(count: number, one: string, many: string, options: FormatOptions = {}): string {
  return `${new Intl.NumberFormat(options.locale).format(count)} ${count === 1 ? one : many}`;
}

export function accountTypeLabel(type: AccountType): string {
  return type === 'MEDIA_CREATOR' ? 'Creator' : 'Business';
}

export function scopeLabel(scope: string): string {
  return Object.prototype.hasOwnProperty.call(SCOPE_LABELS, scope) ? SCOPE_LABELS[scope as Scope] : scope;
}

export function healthLabel(state: HealthState): string {
  switch (state) {
    case 'healthy':
      return 'Healthy';
    case 'expiring_soon':
      return 'Expiring soon';
    case 'unhealthy':
      return 'Needs reconnecting';
  }
}

const REASON_TEXT: Record<HealthReason, string> = {
  token_expired: 'Access expired',
  token_revoked: 'Access was removed in Instagram or the password changed',
  permission_removed: 'A permission was removed',
  account_not_eligible: 'No longer a professional account',
  refresh_failing: 'Instagram could not be reached to renew access',
  keyring_changed: 'The system keyring changed, so the saved access cannot be opened',
  secret_damaged: 'The saved access is damaged and cannot be opened',
};

export function healthReasonText(reason: HealthReason | undefined): string | null {
  if (!reason) return null;
  return REASON_TEXT[reason] ?? null;
}

export function initialOf(account: Pick<Account, 'username' | 'name'>): string {
  const source = (account.name ?? '').trim() || account.username;
  const first = Array.from(source.replace(/^[@._]+/, ''))[0];
  return (first ?? '?').toUpperCase();
}

/** "1 account needs reconnecting: @a" / "2 accounts need reconnecting: @a, @b". */
export function unhealthySummary(accounts: Account[]): string | null {
  const bad = accounts.filter((a) => a.health.state === 'unhealthy');
  if (bad.length === 0) return null;
  const names = bad.map((a) => `@${a.username}`).join(', ');
  return bad.length === 1
    ? `1 account needs reconnecting: ${names}.`
    : `${bad.length} accounts need reconnecting: ${names}.`;
}

/** Text on one line (each run of spaces and line breaks as one space), cut to `max` whole characters with "…". */
export function excerpt(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length <= max ? oneLine : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
