/**
 * For a read that is asked again before its last answer arrives (a list re-read on every change event, a
 * screen whose filter changed): only the newest call's answer counts. An older answer that arrives late
 * resolves to `undefined`, so it can never overwrite a newer one.
 */
export function newestOnly() {
  let newest = 0;
  return async function latest<T extends object>(call: () => Promise<T>): Promise<T | undefined> {
    const mine = ++newest;
    const answer = await call();
    return mine === newest ? answer : undefined;
  };
}
