import { describe, expect, it } from 'vitest';
import { obtainBrowser, type Probes } from '../../../scripts/test-browser.mjs';

const PLAYWRIGHT_CHROME = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const APT_INSTALL = 'env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium';

/**
 * A machine in memory: `files` exist; a command listed in `installs` succeeds and creates that file, one in
 * `succeeds` just succeeds, anything else fails. Every command run is recorded.
 */
function fakeMachine(options: { files?: string[]; env?: Record<string, string>; root?: boolean; installs?: Record<string, string>; succeeds?: string[] }) {
  const files = new Set(options.files ?? []);
  const ran: string[] = [];
  const probes: Probes = {
    env: options.env ?? {},
    platform: 'linux',
    exists: (file) => files.has(file),
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      ran.push(line);
      const created = options.installs?.[line];
      if (created) files.add(created);
      return created !== undefined || (options.succeeds ?? []).includes(line);
    },
    isRoot: () => options.root ?? false,
    playwrightExecutable: () => PLAYWRIGHT_CHROME,
    log: () => {},
  };
  return { probes, ran };
}

describe('the browser for the end-to-end tests', () => {
  it('takes CHROMIUM_PATH first', () => {
    const { probes, ran } = fakeMachine({ files: ['/opt/chrome/chrome', '/usr/bin/chromium'], env: { CHROMIUM_PATH: '/opt/chrome/chrome' } });
    expect(obtainBrowser(probes)).toEqual({ ok: true, path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
    expect(ran).toEqual([]);
  });

  it('stops with a paragraph when CHROMIUM_PATH names no file, rather than quietly using another browser', () => {
    const { probes, ran } = fakeMachine({ files: ['/usr/bin/chromium'], env: { CHROMIUM_PATH: '/opt/missing' } });
    const result = obtainBrowser(probes);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('CHROMIUM_PATH is set to /opt/missing') });
    expect(ran).toEqual([]);
  });

  it("finds the system Chromium, then Chrome, before Playwright's own", () => {
    expect(obtainBrowser(fakeMachine({ files: ['/usr/bin/chromium-browser', PLAYWRIGHT_CHROME] }).probes)).toEqual({ ok: true, path: '/usr/bin/chromium-browser', source: 'system' });
    expect(obtainBrowser(fakeMachine({ files: ['/usr/bin/google-chrome', PLAYWRIGHT_CHROME] }).probes)).toEqual({ ok: true, path: '/usr/bin/google-chrome', source: 'system' });
  });

  it("finds Playwright's own Chromium where its registry says it is", () => {
    const { probes, ran } = fakeMachine({ files: [PLAYWRIGHT_CHROME] });
    expect(obtainBrowser(probes)).toEqual({ ok: true, path: PLAYWRIGHT_CHROME, source: 'playwright' });
    expect(ran).toEqual([]);
  });

  it('provisions with `npx playwright install chromium` when none is installed', () => {
    const { probes, ran } = fakeMachine({ files: ['/usr/bin/apt-get'], root: true, installs: { 'npx playwright install chromium': PLAYWRIGHT_CHROME } });
    expect(obtainBrowser(probes)).toEqual({ ok: true, path: PLAYWRIGHT_CHROME, source: 'playwright' });
    expect(ran).toEqual(['npx playwright install chromium']);
  });

  it("installs the system package as root when Playwright's download fails", () => {
    const { probes, ran } = fakeMachine({
      files: ['/usr/bin/apt-get'],
      root: true,
      succeeds: ['env DEBIAN_FRONTEND=noninteractive apt-get update'],
      installs: { [APT_INSTALL]: '/usr/bin/chromium' },
    });
    expect(obtainBrowser(probes)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' });
    expect(ran).toEqual(['npx playwright install chromium', 'env DEBIAN_FRONTEND=noninteractive apt-get update', APT_INSTALL]);
  });

  it('installs the system package with passwordless sudo when not root', () => {
    const { probes, ran } = fakeMachine({
      files: ['/usr/bin/apt-get'],
      succeeds: ['sudo -n true', 'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update'],
      installs: { [`sudo -n ${APT_INSTALL}`]: '/usr/bin/chromium' },
    });
    expect(obtainBrowser(probes)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' });
    expect(ran).toEqual(['npx playwright install chromium', 'sudo -n true', 'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update', `sudo -n ${APT_INSTALL}`]);
  });

  it('with --provision installs even though a browser is there, and reports the one the install left', () => {
    const { probes, ran } = fakeMachine({ files: ['/usr/bin/apt-get', '/usr/bin/chromium'], root: true, succeeds: ['env DEBIAN_FRONTEND=noninteractive apt-get update', APT_INSTALL] });
    expect(obtainBrowser(probes, { provision: true })).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' });
    expect(ran).toEqual(['npx playwright install chromium', 'env DEBIAN_FRONTEND=noninteractive apt-get update', APT_INSTALL]);
  });

  it('stops with one paragraph saying what to run when every way fails', () => {
    const { probes, ran } = fakeMachine({ files: ['/usr/bin/apt-get'] });
    const result = obtainBrowser(probes);
    expect(ran).toEqual(['npx playwright install chromium', 'sudo -n true']);
    if (result.ok) throw new Error('expected no browser');
    expect(result.message).not.toContain('\n');
    expect(result.message).toContain(`/usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome, /usr/bin/google-chrome-stable, /snap/bin/chromium, ${PLAYWRIGHT_CHROME}`);
    expect(result.message).toContain('`npx playwright install chromium` failed; `apt-get install chromium` was not tried (installing a system package needs root or passwordless sudo)');
    expect(result.message).toContain('set CHROMIUM_PATH to its executable');
    expect(result.message).toContain('`sudo apt-get install chromium`');
  });

  it('does not try apt-get where there is none', () => {
    const { probes, ran } = fakeMachine({ root: true });
    expect(obtainBrowser({ ...probes, platform: 'darwin' })).toMatchObject({ ok: false, message: expect.stringContaining('was not tried (this system has no apt-get)') });
    expect(ran).toEqual(['npx playwright install chromium']);
  });
});
