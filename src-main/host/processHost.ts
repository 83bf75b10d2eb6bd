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

export type Env = Record<string, string | undefined>;

/** What the command line's `serve` asks of the headless host. */
export interface ServeOptions {
  insecureKeyFile: boolean;
  env: Env;
  version: string;
  host: ProcessHost;
}

/** Starts the headless host; the entry point hands it to the command line, which imports no other host. */
export type StartServe = (options: ServeOptions) => Promise<void>;

/** The whole `postdeck` command line in one process: runs `argv`, then exits through `host`. */
export type RunCommandLine = (argv: string[], env: Env, host: ProcessHost) => void;
