import { useMemo } from 'react';
import type { ChannelInput } from '../../../src-shared/ipc';
import { useStores } from '../../stores/context';

/** Export and import as calls to the main process, so the forms never call the bridge themselves. */
export function useTransfer() {
  const { bridge, accounts } = useStores();
  return useMemo(
    () => ({
      /** The desktop's file pickers; absent in the browser, where the user types a path. */
      files: bridge.files,
      exportData: (input: ChannelInput<'data.export'>) => bridge.invoke('data.export', input),
      async importData(input: ChannelInput<'data.import'>) {
        const result = await bridge.invoke('data.import', input);
        // Imported accounts join the list at once, not at the next change event.
        if (result.ok) void accounts.getState().fetch();
        return result;
      },
    }),
    [bridge, accounts],
  );
}
