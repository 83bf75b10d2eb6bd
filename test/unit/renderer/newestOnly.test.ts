import { describe, expect, it } from 'vitest';
import { newestOnly } from '../../../src-renderer/lib/newestOnly';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('newestOnly', () => {
  it('drops an older answer that arrives after a newer call was made', async () => {
    const latest = newestOnly();
    const first = deferred<{ n: number }>();
    const second = deferred<{ n: number }>();
    const older = latest(() => first.promise);
    const newer = latest(() => second.promise);
    second.resolve({ n: 2 });
    first.resolve({ n: 1 });
    await expect(newer).resolves.toEqual({ n: 2 });
    await expect(older).resolves.toBeUndefined();
  });

  it('drops an older answer even when it arrives first', async () => {
    const latest = newestOnly();
    const first = deferred<{ n: number }>();
    const older = latest(() => first.promise);
    const newer = latest(async () => ({ n: 2 }));
    first.resolve({ n: 1 });
    await expect(older).resolves.toBeUndefined();
    await expect(newer).resolves.toEqual({ n: 2 });
  });

  it('keeps each answer when calls do not overlap, and guards apart from each other', async () => {
    const latest = newestOnly();
    const other = newestOnly();
    await expect(latest(async () => ({ n: 1 }))).resolves.toEqual({ n: 1 });
    const pending = latest(async () => ({ n: 2 }));
    await expect(other(async () => ({ n: 3 }))).resolves.toEqual({ n: 3 });
    await expect(pending).resolves.toEqual({ n: 2 });
  });
});
