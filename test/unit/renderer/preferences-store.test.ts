import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../src-renderer/bridge';
import { createPreferencesStore } from '../../../src-renderer/features/settings/store';
import { appError } from '../../../src-shared/errors';
import { DEFAULT_PREFERENCES } from '../../../src-shared/models';

function bridgeAnswering(answer: (channel: string, input: unknown) => unknown): Bridge {
  return { invoke: async (channel: string, input: unknown) => answer(channel, input), on: () => () => {} } as unknown as Bridge;
}

describe('preferences store', () => {
  it('loads, then keeps what a save answered', async () => {
    const store = createPreferencesStore(
      bridgeAnswering((channel, input) =>
        channel === 'settings.getPreferences' ? { ok: true, value: DEFAULT_PREFERENCES } : { ok: true, value: { ...DEFAULT_PREFERENCES, ...(input as object) } },
      ),
    );
    await store.getState().load();
    expect(store.getState().preferences).toEqual(DEFAULT_PREFERENCES);
    await store.getState().save({ startAtLogin: true });
    expect(store.getState().preferences).toEqual({ ...DEFAULT_PREFERENCES, startAtLogin: true });
    expect(store.getState().saving).toBe(false);
  });

  it('a refused save keeps the last preferences and says why', async () => {
    const store = createPreferencesStore(
      bridgeAnswering((channel) => (channel === 'settings.getPreferences' ? { ok: true, value: DEFAULT_PREFERENCES } : { ok: false, error: appError('invalid_request') })),
    );
    await store.getState().load();
    const result = await store.getState().save({ missedSlotGraceMinutes: 5000 });
    expect(result.ok).toBe(false);
    expect(store.getState().preferences).toEqual(DEFAULT_PREFERENCES);
    expect(store.getState().error?.code).toBe('invalid_request');
    expect(store.getState().saving).toBe(false);
  });
});
