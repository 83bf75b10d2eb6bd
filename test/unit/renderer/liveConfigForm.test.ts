import { describe, expect, it } from 'vitest';
import { validateLiveConfig } from '../../../src-renderer/features/settings/liveConfigForm';

const good = {
  appId: ' 1234567890 ',
  appSecret: '0123456789abcdef0123456789ABCDEF',
  redirectUri: 'https://example.com/callback',
};

describe('validateLiveConfig', () => {
  it('accepts and trims valid values', () => {
    expect(validateLiveConfig(good, false)).toEqual({
      ok: true,
      value: { appId: '1234567890', appSecret: '0123456789abcdef0123456789ABCDEF', redirectUri: 'https://example.com/callback' },
    });
  });

  it('keeps a stored secret when the field is left empty', () => {
    const result = validateLiveConfig({ ...good, appSecret: '' }, true);
    expect(result).toEqual({ ok: true, value: { appId: '1234567890', redirectUri: 'https://example.com/callback' } });
  });

  it('requires a secret when none is stored', () => {
    const result = validateLiveConfig({ ...good, appSecret: '' }, false);
    expect(result).toEqual({ ok: false, errors: { appSecret: 'Enter the Instagram App secret.' } });
  });

  it('reports each bad field with the contract’s message', () => {
    const result = validateLiveConfig({ appId: '12ab', appSecret: 'short', redirectUri: 'http://example.com/cb' }, false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.appId).toMatch(/5 to 20 digits/);
    expect(result.errors.appSecret).toMatch(/32 letters and digits/);
    expect(result.errors.redirectUri).toMatch(/https:\/\//);
  });
});
