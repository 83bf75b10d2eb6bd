import type { AppError } from '../../src-shared/errors';
import { readOwner, type OwnerRecord } from '../host/ownerLock';
import { NoOwnerError, OwnerClient } from './client';

export const EXIT = { ok: 0, refused: 1, usage: 2, noOwner: 3 } as const;

/** Ends a command with an exit code and what to print on stderr. */
export class CliExit extends Error {
  override readonly name = 'CliExit';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliExit(EXIT.usage, message);

/** "code: sentence detail" and the action on the next line: what a refused call prints on stderr. */
export function refused(error: AppError): CliExit {
  const sentence = [error.message, error.detail].filter(Boolean).join(' ');
  return new CliExit(EXIT.refused, `${error.code}: ${sentence}${error.action ? `\n${error.action}` : ''}`);
}

export const NO_OWNER_HELP =
  'No Postdeck is running for this data folder. Start one with `postdeck serve` (or `npm run serve` in the repository), ' +
  'or open the desktop app. Set POSTDECK_DATA_DIR if it uses another folder.';

/** What every command gets: the data folder, output streams, and the owner, reached on first use. */
export class CliContext {
  private client: OwnerClient | null = null;

  constructor(
    readonly dataDir: string,
    readonly json: boolean,
    readonly out: (text: string) => void,
    readonly err: (text: string) => void,
    /** POSTDECK_SOCKET: an owner's socket forwarded from another machine (`ssh -L`); its lock file is not here to read. */
    readonly forwardedSocket?: string,
  ) {}

  /** The owner as its lock file says; for a forwarded socket, only where it was reached. */
  owner(): OwnerRecord | { kind: 'forwarded'; socketPath: string } {
    if (this.forwardedSocket) return { kind: 'forwarded', socketPath: this.forwardedSocket };
    const owner = readOwner(this.dataDir);
    if (!owner) throw new CliExit(EXIT.noOwner, NO_OWNER_HELP);
    return owner;
  }

  async connection(): Promise<OwnerClient> {
    if (this.client) return this.client;
    try {
      this.client = await OwnerClient.open(this.owner().socketPath);
    } catch (error) {
      if (error instanceof NoOwnerError) throw new CliExit(EXIT.noOwner, NO_OWNER_HELP);
      throw error;
    }
    return this.client;
  }

  /** The channel's value, or a refusal (exit 1) carrying the owner's code and sentence. */
  async call<T>(channel: string, input: unknown = {}): Promise<T> {
    const result = await (await this.connection()).call<T>(channel, input);
    if (!result.ok) throw refused(result.error);
    return result.value;
  }

  /** Like call, for channels an owner of another version may not have: null when it has not. */
  async callIfAvailable<T>(channel: string, input: unknown): Promise<T | null> {
    const result = await (await this.connection()).call<T>(channel, input);
    if (!result.ok && result.error.code === 'invalid_request' && result.error.detail === 'Unknown channel.') return null;
    if (!result.ok) throw refused(result.error);
    return result.value;
  }

  /** Like callIfAvailable, for a command that is nothing without the channel: "not available" (exit 1). */
  async callOptional<T>(channel: string, input: unknown, feature: string): Promise<T> {
    const value = await this.callIfAvailable<T>(channel, input);
    if (value === null) throw new CliExit(EXIT.refused, `not_available: ${feature} is not available in this version of Postdeck.`);
    return value;
  }

  /** Prints `value` as JSON with --json, else as `readable` renders it. */
  async print(value: unknown, readable: () => string | Promise<string>): Promise<void> {
    this.out(this.json ? `${JSON.stringify(value, null, 2)}\n` : await readable());
  }

  close(): void {
    this.client?.close();
  }
}
