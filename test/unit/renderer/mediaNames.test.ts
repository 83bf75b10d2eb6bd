import { describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../src-renderer/bridge';
import { describeItem } from '../../../src-renderer/features/posts/ImportedMedia';
import { createMediaStore, mediaName, type MediaItem } from '../../../src-renderer/features/posts/mediaStore';
import { formatMoment } from '../../../src-renderer/features/posts/PostMediaList';

const sunset: MediaItem = { id: '313d30b1-5b7e-4c1e-9a51-0f2b8e2d6c11', name: 'sunset.jpg', kind: 'image', width: 2400, height: 3000, bytes: 2_412_345, durationMs: null, warnings: [], conversion: null };

describe('naming media', () => {
  it('by the file’s name and size, never its id', () => {
    expect(mediaName(sunset)).toBe('sunset.jpg · 2.4 MB');
    expect(mediaName({ name: 'tiny.png', bytes: 312 })).toBe('tiny.png · 1 KB');
    expect(mediaName({ name: 'cover.jpg', bytes: 48_600 })).toBe('cover.jpg · 49 KB');
    expect(describeItem(sunset)).toBe('sunset.jpg · 2.4 MB · Photo · 2400×3000');
    expect(describeItem({ ...sunset, name: 'reel.mp4', kind: 'video', width: 1080, height: 1920, bytes: 31_000_000, durationMs: 12_340 })).toBe('reel.mp4 · 31.0 MB · Video · 1080×1920 · 12.3 s');
    expect(describeItem(sunset)).not.toContain(sunset.id);
  });

  it('a moment of a video as minutes and seconds', () => {
    expect(formatMoment(0)).toBe('0:00.0');
    expect(formatMoment(3250)).toBe('0:03.3');
    expect(formatMoment(75_000)).toBe('1:15.0');
  });
});

describe('the media store', () => {
  function storeWith(invoke: Bridge['invoke']) {
    const bridge = { invoke, on: () => () => {}, importFile: vi.fn(), mediaUrl: () => '' } as unknown as Bridge;
    return createMediaStore(bridge);
  }

  it('asks the library once per id, and marks ids it does not know', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: [sunset] }));
    const store = storeWith(invoke as unknown as Bridge['invoke']);
    await store.getState().want([sunset.id, 'gone-1', sunset.id]);
    await store.getState().want([sunset.id, 'gone-1']);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('media.describe', { ids: [sunset.id, 'gone-1'] });
    expect(store.getState().items).toEqual({ [sunset.id]: sunset, 'gone-1': null });
  });

  it('asks again after a failed answer, and knows an imported item without asking', async () => {
    const invoke = vi.fn(async () => ({ ok: false as const, error: { code: 'internal_error' as const, message: 'down' } }));
    const store = storeWith(invoke as unknown as Bridge['invoke']);
    await store.getState().want(['a-1']);
    await store.getState().want(['a-1']);
    expect(invoke).toHaveBeenCalledTimes(2);
    store.getState().remember(sunset);
    await store.getState().want([sunset.id]);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(store.getState().items[sunset.id]).toBe(sunset);
  });
});
