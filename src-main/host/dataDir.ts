import { homedir } from 'node:os';
import { join } from 'node:path';

/** The platform's per-user data folder, as Electron's `app.getPath('appData')` would give it. */
export function platformDataHome(platform: NodeJS.Platform = process.platform, env: Record<string, string | undefined> = process.env): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** The data folder `serve` and the CLI use: POSTDECK_DATA_DIR, else the desktop app's own (appData/Postdeck). */
export function ownerDataDir(env: Record<string, string | undefined> = process.env): string {
  return env.POSTDECK_DATA_DIR?.trim() || join(platformDataHome(process.platform, env), 'Postdeck');
}
