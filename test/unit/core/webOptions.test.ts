import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformDataHome } from '../../../src-main/host/dataDir';
import { parseWebHostArgs } from '../../../src-main/web/options';

describe('parseWebHostArgs', () => {
  it('defaults to a free port and a web-host folder in the Postdeck data folder', () => {
    expect(parseWebHostArgs([], {})).toEqual({ port: 0, dataDir: join(platformDataHome(), 'Postdeck', 'web-host'), moveDamagedDatabase: false });
  });

  it('takes the data folder from POSTDECK_DATA_DIR, ignoring blank values', () => {
    expect(parseWebHostArgs([], { POSTDECK_DATA_DIR: '/srv/postdeck' }).dataDir).toBe('/srv/postdeck');
    expect(parseWebHostArgs([], { POSTDECK_DATA_DIR: '   ' }).dataDir).toBe(join(platformDataHome(), 'Postdeck', 'web-host'));
  });

  it('reads --port N and --port=N', () => {
    expect(parseWebHostArgs(['--port', '8080'], {}).port).toBe(8080);
    expect(parseWebHostArgs(['--port=8081'], {}).port).toBe(8081);
    expect(parseWebHostArgs(['--port', '65535'], {}).port).toBe(65535);
  });

  it('reads --data-dir PATH, over POSTDECK_DATA_DIR', () => {
    expect(parseWebHostArgs(['--data-dir', '/tmp/pd'], { POSTDECK_DATA_DIR: '/srv/postdeck' })).toEqual({ port: 0, dataDir: '/tmp/pd', moveDamagedDatabase: false });
    expect(parseWebHostArgs(['--data-dir=/tmp/a=b'], {}).dataDir).toBe('/tmp/a=b');
  });

  it.each([['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--port', '80.5'], ['--port=']])('rejects %s %s', (...argv) => {
    expect(() => parseWebHostArgs(argv, {})).toThrow(/--port/);
  });

  it('reads --move-damaged-database, which takes no value', () => {
    expect(parseWebHostArgs(['--move-damaged-database'], {}).moveDamagedDatabase).toBe(true);
    expect(() => parseWebHostArgs(['--move-damaged-database=yes'], {})).toThrow(/Unknown option --move-damaged-database=yes/);
  });

  it('rejects a flag without its value', () => {
    expect(() => parseWebHostArgs(['--port'], {})).toThrow(/needs a value/);
    expect(() => parseWebHostArgs(['--data-dir'], {})).toThrow(/needs a value/);
  });

  it('rejects unknown flags', () => {
    expect(() => parseWebHostArgs(['--verbose'], {})).toThrow(/Unknown option --verbose/);
    expect(() => parseWebHostArgs(['8080'], {})).toThrow(/Unknown option/);
  });
});

describe('platformDataHome', () => {
  it('follows each platform convention', () => {
    expect(platformDataHome('linux', { XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg');
    expect(platformDataHome('win32', { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' })).toBe('C:\\Users\\me\\AppData\\Roaming');
    expect(platformDataHome('darwin', {})).toMatch(/Library[\\/]Application Support$/);
  });
});
