// @ts-check
// What `npm start` does once it knows which step towards the desktop app failed, if any (scripts/start.mjs runs
// the steps). Pure, so test/unit/scripts/startPlan.test.ts covers every outcome.

/** @typedef {'electron' | 'sqlite' | 'display'} DesktopStep */
/** @typedef {{ action: 'desktop' } | { action: 'web', message: string } | { action: 'refuse', exitCode: number, message: string }} StartPlan */

/** Why the desktop app cannot start, per failed step; the step's own error is printed just above. */
const WHY = {
  electron:
    'the Electron runtime could not be obtained (node_modules/electron downloads it from github.com on first use, and that failed; behind a proxy set HTTPS_PROXY, or ELECTRON_MIRROR to use a mirror)',
  sqlite:
    'SQLite could not be built for Electron (scripts/electron-native.mjs needs github.com for a prebuilt binary, or electronjs.org/headers and a C++ toolchain, python3, make and g++, to compile one)',
  display: 'there is no display to open its window on (neither DISPLAY nor WAYLAND_DISPLAY is set)',
};

/**
 * @param {{ failed: DesktopStep | null, desktopOnly: boolean }} outcome
 * @returns {StartPlan}
 */
export function decideStart({ failed, desktopOnly }) {
  if (failed === null) return { action: 'desktop' };
  const why = `Postdeck's desktop app cannot start here: ${WHY[failed]}.`;
  if (desktopOnly) {
    return { action: 'refuse', exitCode: 1, message: `${why} You asked for --desktop-only, so Postdeck stops here; fix that and run \`npm start\` again, or run \`npm run web\` for the browser host.` };
  }
  return {
    action: 'web',
    message:
      `${why} Starting the browser host instead: the same app in your web browser at the address below, with its own data folder ` +
      'and tokens protected by a key file rather than the OS keyring. Fix that and run `npm start` again for the desktop app; ' +
      '`npm start -- --desktop-only` refuses this fallback.',
  };
}

/**
 * `--desktop-only` is ours; everything else goes to Electron.
 * @param {string[]} argv
 */
export function parseStartArgs(argv) {
  return { desktopOnly: argv.includes('--desktop-only'), electronArgs: argv.filter((arg) => arg !== '--desktop-only') };
}

/**
 * Whether a window can open: on Linux and the BSDs only with an X or Wayland display.
 * @param {string} platform
 * @param {Record<string, string | undefined>} env
 */
export function hasDisplay(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The command that opens `url` in the desktop's browser, or null where there is no desktop.
 * @param {string} platform
 * @param {Record<string, string | undefined>} env
 * @param {string} url
 * @returns {{ command: string, args: string[] } | null}
 */
export function browserOpener(platform, env, url) {
  if (!hasDisplay(platform, env)) return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start`'s first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}
