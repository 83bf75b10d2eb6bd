/** The process the command line runs in: plain Node (`npx postdeck`), or the installed app's own Electron binary. */
export interface ProcessHost {
  /** better-sqlite3 built for this runtime: the Electron binary needs its own ABI's build; plain Node uses the package's. */
  sqliteNativeBinding?: string;
  /** Calls `stop` once the host is asked to end (SIGTERM, SIGINT; Electron's quit). */
  onShutdown(stop: (reason: string) => void): void;
  exit(code: number): void;
}

export const nodeProcessHost: ProcessHost = {
  onShutdown(stop) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
  },
  exit: (code) => process.exit(code),
};
