import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import {
  accountTypeLabel,
  formatDate,
  formatRelative,
  healthLabel,
  healthReasonText,
  initialOf,
  scopeLabel,
  unhealthySummary,
} from '../../../src-renderer/lib/format';

const en = { locale: 'en-US', timeZone: 'UTC' };
const now = Date.parse('2025-06-15T12:00:00Z');

function account(username: string, state: Account['health']['state']): Account {
  return {
    id: username,
    igUserId: username,
    username,
    name: null,
    accountType: 'BUSINESS',
    pictureUrl: null,
    followersCount: null,
    mediaCount: null,
    scopes: [],
    consentAt: '2025-06-01T00:00:00Z',
    connectedAt: '2025-06-01T00:00:00Z',
    tokenExpiresAt: '2025-07-31T00:00:00Z',
    lastRefreshAt: null,
    defaultMode: 'automatic',
    health: { state, checkedAt: null },
    messagesEnabled: false,
  };
}

describe('dates', () => {
  it('formats a date with Intl', () => {
    expect(formatDate('2025-07-31T00:00:00Z', en)).toBe('Jul 31, 2025');
    expect(formatDate('not a date', en)).toBe('unknown date');
    expect(formatDate(null, en)).toBe('unknown date');
  });

  it('says how long ago, then falls back to the date', () => {
    expect(formatRelative('2025-06-15T11:59:30Z', now, en)).toBe('just now');
    expect(formatRelative('2025-06-15T11:55:00Z', now, en)).toBe('5 minutes ago');
    expect(formatRelative('2025-06-15T09:00:00Z', now, en)).toBe('3 hours ago');
    expect(formatRelative('2025-06-14T10:00:00Z', now, en)).toBe('yesterday');
    expect(formatRelative('2025-06-11T12:00:00Z', now, en)).toBe('4 days ago');
    expect(formatRelative('2025-06-01T12:00:00Z', now, en)).toBe('Jun 1, 2025');
    expect(formatRelative('2025-06-16T12:00:00Z', now, en)).toBe('Jun 16, 2025'); // clock skew
    expect(formatRelative(null, now, en)).toBe('never');
  });
});

describe('labels', () => {
  it('names account types, scopes and health plainly', () => {
    expect(accountTypeLabel('MEDIA_CREATOR')).toBe('Creator');
    expect(accountTypeLabel('BUSINESS')).toBe('Business');
    expect(scopeLabel('instagram_business_content_publish')).toBe('Publish content');
    expect(scopeLabel('instagram_business_manage_messages')).toBe('Messages');
    expect(scopeLabel('instagram_business_manage_something_new')).toBe('instagram_business_manage_something_new');
    expect(scopeLabel('toString')).toBe('toString');
    expect(healthLabel('healthy')).toBe('Healthy');
    expect(healthLabel('expiring_soon')).toBe('Expiring soon');
    expect(healthLabel('unhealthy')).toBe('Needs reconnecting');
    expect(healthReasonText('token_revoked')).toBe('Access was removed in Instagram or the password changed');
    expect(healthReasonText('refresh_failing')).toBe('Instagram could not be reached to renew access');
    expect(healthReasonText(undefined)).toBeNull();
  });

  it('builds an avatar initial from the name or the username', () => {
    expect(initialOf({ username: 'maya.makes', name: null })).toBe('M');
    expect(initialOf({ username: '_x', name: '  ' })).toBe('X');
    expect(initialOf({ username: 'a', name: 'Élodie' })).toBe('É');
  });

  it('summarises unhealthy accounts for the banner', () => {
    expect(unhealthySummary([account('a', 'healthy'), account('b', 'expiring_soon')])).toBeNull();
    expect(unhealthySummary([account('a', 'unhealthy')])).toBe('1 account needs reconnecting: @a.');
    expect(unhealthySummary([account('a', 'unhealthy'), account('b', 'unhealthy')])).toBe(
      '2 accounts need reconnecting: @a, @b.',
    );
  });
});
