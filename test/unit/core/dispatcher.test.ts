import { describe, expect, it, vi } from 'vitest';
import { Failure } from '../../../src-main/config/failure';
import { createLogger, silentLogger } from '../../../src-main/config/logger';
import { createDispatcher, type HandlerTable } from '../../../src-main/ipc/dispatcher';
import { appError } from '../../../src-shared/errors';
import { channels, type Channel } from '../../../src-shared/ipc';

const ACCOUNT_ID = '00000000-0000-4000-8000-000000000001';

function stubs() {
  const table = Object.fromEntries(Object.keys(channels).map((name) => [name, vi.fn(() => ({}))])) as unknown as HandlerTable;
  const calls = () => Object.values(table).reduce((sum, handler) => sum + (handler as ReturnType<typeof vi.fn>).mock.calls.length, 0);
  return { table, calls, handler: (channel: Channel) => table[channel] as unknown as ReturnType<typeof vi.fn> };
}

describe('createDispatcher', () => {
  it('has a stub for every channel', () => {
    expect(Object.keys(stubs().table).sort()).toEqual(Object.keys(channels).sort());
  });

  it('refuses an unknown channel without calling any handler', async () => {
    const { table, calls } = stubs();
    const dispatch = createDispatcher(table, silentLogger);
    for (const name of ['accounts.nope', 'toString', '__proto__', '']) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(calls()).toBe(0);
  });

  it('refuses input that fails the schema without calling the handler', async () => {
    const { table, calls } = stubs();
    const dispatch = createDispatcher(table, silentLogger);
    expect(await dispatch('accounts.disconnect', { accountId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch('accounts.disconnect', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch('accounts.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch('settings.setPreferences', { startAtLogin: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(calls()).toBe(0);
  });

  it('passes parsed input to the handler and returns its value', async () => {
    const { table, handler, calls } = stubs();
    handler('accounts.disconnect').mockResolvedValue({ removed: true });
    const dispatch = createDispatcher(table, silentLogger);
    expect(await dispatch('accounts.disconnect', { accountId: ACCOUNT_ID })).toEqual({ ok: true, value: { removed: true } });
    expect(handler('accounts.disconnect')).toHaveBeenCalledWith({ accountId: ACCOUNT_ID });
    expect(calls()).toBe(1);
  });

  it('treats a missing input as an empty object', async () => {
    const { table, handler } = stubs();
    handler('accounts.list').mockReturnValue([]);
    const dispatch = createDispatcher(table, silentLogger);
    expect(await dispatch('accounts.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('returns the error of a Failure the handler throws', async () => {
    const { table, handler } = stubs();
    handler('accounts.check').mockRejectedValue(new Failure('not_found', 'gone'));
    const dispatch = createDispatcher(table, silentLogger);
    expect(await dispatch('accounts.check', { accountId: ACCOUNT_ID })).toEqual({
      ok: false,
      error: new Failure('not_found', 'gone').error,
    });
  });

  it('with output checks on: answers internal_error for a handler whose value does not match its schema, and logs it', async () => {
    const { table, handler } = stubs();
    handler('accounts.disconnect').mockResolvedValue({ removed: 'yes', token: 'IGAAsecretTokenValue0123456789' });
    const lines: string[] = [];
    const dispatch = createDispatcher(table, createLogger((line) => lines.push(line)), { checkOutputs: true });
    expect(await dispatch('accounts.disconnect', { accountId: ACCOUNT_ID })).toEqual({ ok: false, error: appError('internal_error') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('does not match its channel schema');
    expect(lines[0]).toContain('accounts.disconnect');
    expect(lines[0]).toContain('removed');
    expect(lines[0]).not.toContain('IGAAsecret');
  });

  it('with output checks on: returns a matching value as the handler gave it', async () => {
    const { table, handler } = stubs();
    handler('settings.getPreferences').mockReturnValue({ keepRunningInTray: true, startAtLogin: false, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true, extra: 1 });
    const dispatch = createDispatcher(table, silentLogger, { checkOutputs: true });
    expect(await dispatch('settings.getPreferences', {})).toEqual({ ok: true, value: { keepRunningInTray: true, startAtLogin: false, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true, extra: 1 } });
  });

  it('with output checks off (production): passes a mismatching value through', async () => {
    const { table, handler } = stubs();
    handler('accounts.disconnect').mockResolvedValue({ removed: 'yes' });
    const dispatch = createDispatcher(table, silentLogger);
    expect(await dispatch('accounts.disconnect', { accountId: ACCOUNT_ID })).toEqual({ ok: true, value: { removed: 'yes' } });
  });

  it('hides anything else a handler throws behind internal_error, logging it redacted', async () => {
    const secret = 'IGAAsecretTokenValue0123456789';
    const { table, handler } = stubs();
    handler('accounts.connect').mockImplementation(() => {
      throw new Error(`exchange failed for ${secret}`);
    });
    const lines: string[] = [];
    const dispatch = createDispatcher(table, createLogger((line) => lines.push(line)));
    const result = await dispatch('accounts.connect', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(result)).not.toContain('IGAAsecret');
    expect(JSON.stringify(result)).not.toContain('exchange failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('accounts.connect');
    expect(lines[0]).not.toContain('IGAAsecret');
  });

  it('answers a schema check that throws as internal_error, logged, without running the handler', async () => {
    const { table, calls } = stubs();
    const parse = vi.spyOn(channels['settings.setMediaHosting'].input, 'safeParse').mockImplementation(() => {
      throw new TypeError('Invalid URL');
    });
    try {
      const lines: string[] = [];
      const dispatch = createDispatcher(table, createLogger((line) => lines.push(line)));
      expect(await dispatch('settings.setMediaHosting', { kind: 'tunnel', localPort: 5000, publicBaseUrl: '' })).toEqual({ ok: false, error: appError('internal_error') });
      expect(lines.some((line) => line.includes('settings.setMediaHosting') && line.includes('Invalid URL'))).toBe(true);
      expect(calls()).toBe(0);
    } finally {
      parse.mockRestore();
    }
  });

  it('refuses a tunnel without a public address as invalid_request, saying what the address must be', async () => {
    const { table, calls } = stubs();
    const dispatch = createDispatcher(table, silentLogger);
    for (const publicBaseUrl of ['', ' ', 'not a url', '://', 'http://']) {
      const result = await dispatch('settings.setMediaHosting', { kind: 'tunnel', localPort: 5000, publicBaseUrl });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', detail: expect.stringContaining('https://') } });
    }
    expect(calls()).toBe(0);
  });
});
