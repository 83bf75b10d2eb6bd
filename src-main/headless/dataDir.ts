import { join } from 'node:path';
import { platformDataHome } from '../web/options';

/** The data folder `serve` and the CLI use: POSTDECK_DATA_DIR, else the desktop app's own (appData/Postdeck). */
export function ownerDataDir(env: Record<string, string | undefined> = process.env): string {
  return env.POSTDECK_DATA_DIR?.trim() || join(platformDataHome(process.platform, env), 'Postdeck');
}
