import { useMemo } from 'react';
import type { Result } from '../../../src-shared/errors';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/ipc';
import { useStores } from '../../stores/context';

/** Hands `file` to the browser as a download named `name` (the page's own link, so no pop-up is involved). */
function saveDownload(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export and import as calls to the main process, so the forms never call the bridge themselves. */
export function useTransfer() {
  const { bridge, accounts } = useStores();
  return useMemo(() => {
    /** Imported accounts join the list at once, not at the next change event. */
    const afterImport = <T,>(result: Result<T>) => {
      if (result.ok) void accounts.getState().fetch();
      return result;
    };
    const browser = bridge.transferFiles;
    return {
      /** The desktop's file pickers; absent in the browser, which downloads and uploads instead. */
      files: bridge.files,
      exportData: (input: ChannelInput<'data.export'>) => bridge.invoke('data.export', input),
      importData: async (input: ChannelInput<'data.import'>) => afterImport(await bridge.invoke('data.import', input)),
      /** The browser host's way: no paths, a download and an upload. */
      browser: browser
        ? {
            async exportDownload(passphrase: string, name: string, includeMessages: boolean): Promise<Result<Omit<ChannelOutput<'data.export'>, 'path'>>> {
              const result = await browser.download(passphrase, includeMessages);
              if (!result.ok) return result;
              saveDownload(result.value.file, name);
              return { ok: true, value: result.value.counts };
            },
            importUpload: async (file: File, passphrase: string) => afterImport(await browser.upload(file, passphrase)),
          }
        : null,
    };
  }, [bridge, accounts]);
}
