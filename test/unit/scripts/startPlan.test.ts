import { describe, expect, it } from 'vitest';
import { browserOpener, decideStart, parseStartArgs } from '../../../scripts/start-plan.mjs';

const messageOf = (plan: ReturnType<typeof decideStart>) => ('message' in plan ? plan.message : '');

describe('what `npm start` starts', () => {
  it('starts the desktop app when Electron, its SQLite build and a display are all there', () => {
    expect(decideStart({ failed: null, desktopOnly: false })).toEqual({ action: 'desktop' });
    expect(decideStart({ failed: null, desktopOnly: true })).toEqual({ action: 'desktop' });
  });

  it('falls back to the browser host, saying why in one paragraph, when the Electron binary cannot be obtained', () => {
    const plan = decideStart({ failed: 'electron', desktopOnly: false });
    expect(plan).toMatchObject({ action: 'web', message: expect.stringContaining('the Electron runtime could not be obtained') });
    expect(plan).toMatchObject({ message: expect.stringContaining('Starting the browser host instead') });
    expect(plan).not.toMatchObject({ message: expect.stringContaining('\n') });
  });

  it('falls back to the browser host when SQLite cannot be built for Electron', () => {
    expect(decideStart({ failed: 'sqlite', desktopOnly: false })).toMatchObject({ action: 'web', message: expect.stringContaining('SQLite could not be built for Electron') });
  });

  it('falls back to the browser host where there is no display for a window', () => {
    expect(decideStart({ failed: 'display', desktopOnly: false })).toMatchObject({ action: 'web', message: expect.stringContaining('neither DISPLAY nor WAYLAND_DISPLAY') });
  });

  it('with --desktop-only refuses the fallback: a non-zero exit and the same reason', () => {
    for (const failed of ['electron', 'sqlite', 'display'] as const) {
      const plan = decideStart({ failed, desktopOnly: true });
      expect(plan).toMatchObject({ action: 'refuse', exitCode: 1, message: expect.stringContaining('You asked for --desktop-only, so Postdeck stops here') });
      // The same reason as the fallback gives, then the refusal.
      const why = messageOf(decideStart({ failed, desktopOnly: false })).split(' Starting the browser host')[0] ?? '';
      expect(why).toMatch(/^Postdeck's desktop app cannot start here: .+\.$/);
      expect(messageOf(plan).startsWith(why)).toBe(true);
    }
  });

  it('takes --desktop-only for itself and forwards every other argument to Electron', () => {
    expect(parseStartArgs(['--password-store=gnome-libsecret', '--desktop-only', '--enable-logging'])).toEqual({
      desktopOnly: true,
      electronArgs: ['--password-store=gnome-libsecret', '--enable-logging'],
    });
    expect(parseStartArgs([])).toEqual({ desktopOnly: false, electronArgs: [] });
  });

  it('opens the address with the desktop browser only where there is a desktop', () => {
    const url = 'http://127.0.0.1:5170/?token=abc';
    expect(browserOpener('linux', {}, url)).toBeNull();
    expect(browserOpener('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserOpener('linux', { WAYLAND_DISPLAY: 'wayland-0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserOpener('darwin', {}, url)).toEqual({ command: 'open', args: [url] });
    expect(browserOpener('win32', {}, url)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
  });
});
