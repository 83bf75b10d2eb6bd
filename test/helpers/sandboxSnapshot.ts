import type { WorldSnapshot } from '../../src-main/sandbox/world';

const keyOf = (item: unknown): string | undefined => {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  return [record.id, record.token, record.igUserId, record.appId].find((key): key is string => typeof key === 'string');
};

/** A world's saved state with every list of records in id order: restoring may add records in another order. */
export function canonical(snapshot: WorldSnapshot): unknown {
  return JSON.parse(JSON.stringify(snapshot), (_key, value: unknown) =>
    Array.isArray(value) && value.every((item) => keyOf(item) !== undefined) ? [...value].sort((a, b) => keyOf(a)!.localeCompare(keyOf(b)!)) : value,
  );
}
