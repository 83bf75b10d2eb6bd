import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
// Read the config with the YAML parser electron-builder itself uses, so the test sees what packaging sees.
const builderRequire = createRequire(path.join(root, 'node_modules/app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const scheme = builderRequire('./scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };

function electronFuses(): Record<string, unknown> {
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
  return config.electronFuses ?? {};
}

const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
};

describe('electron-builder.yml fuses', () => {
  it('sets every hardening fuse to its safe value', () => {
    const fuses = electronFuses();
    for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
      expect(fuses[name], `electronFuses.${name}`).toBe(value);
    }
  });

  it('uses only option names electron-builder knows', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(known).toEqual(expect.arrayContaining(Object.keys(REQUIRED_FUSES)));
    for (const name of Object.keys(electronFuses())) expect(known, `electronFuses.${name}`).toContain(name);
  });

  it('keeps file:// privileges, which the renderer loaded from file:// needs', () => {
    expect(electronFuses().grantFileProtocolExtraPrivileges).not.toBe(false);
  });
});

describe('electron-builder.yml command line', () => {
  it('installs the Linux binary under the CLI\'s own name, which the deb links into /usr/bin', () => {
    const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { linux?: { executableName?: string } };
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toEqual(['postdeck']);
    expect(config.linux?.executableName).toBe('postdeck');
    const afterInstall = readFileSync(path.join(root, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'), 'utf8');
    expect(afterInstall).toContain("'/usr/bin/${executable}'");
  });
});

describe('electron-builder.yml FFmpeg', () => {
  it('unpacks the FFmpeg binary beside app.asar, where media/ffmpeg.ts runs it from', () => {
    const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { asarUnpack?: string[] };
    expect(config.asarUnpack).toContain('node_modules/@ffmpeg-installer/**');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@ffmpeg-installer/ffmpeg']).toBeDefined();
  });
});
