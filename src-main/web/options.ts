import { join } from 'node:path';
import { platformDataHome } from '../host/dataDir';
import { MOVE_DAMAGED_FLAG } from '../host/startFailure';

export interface WebHostOptions {
  port: number;
  dataDir: string;
  /** Given: a damaged database is renamed aside (never deleted) and the host starts with empty data. */
  moveDamagedDatabase: boolean;
}

/**
 * `--port N` (default 0: a free port) and `--data-dir PATH` (default POSTDECK_DATA_DIR, else a
 * `web-host` folder in Postdeck's user-data folder: the browser host keeps its own data because its
 * key protection differs from the desktop app's keyring), and `--move-damaged-database`, the browser
 * host's confirmed "Move it aside and start fresh".
 */
export function parseWebHostArgs(argv: string[], env: Record<string, string | undefined> = process.env): WebHostOptions {
  let port = 0;
  let moveDamagedDatabase = false;
  let dataDir: string | null = env.POSTDECK_DATA_DIR?.trim() || null;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++index];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value.`);
      return next;
    };
    if (flag === '--port') {
      const text = value();
      const parsed = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error('--port must be a whole number from 0 to 65535.');
      port = parsed;
    } else if (flag === '--data-dir') {
      dataDir = value();
    } else if (flag === MOVE_DAMAGED_FLAG && inline === undefined) {
      moveDamagedDatabase = true;
    } else {
      throw new Error(`Unknown option ${arg}. Use --port N, --data-dir PATH and ${MOVE_DAMAGED_FLAG}.`);
    }
  }
  return { port, dataDir: dataDir ?? join(platformDataHome(process.platform, env), 'Postdeck', 'web-host'), moveDamagedDatabase };
}
