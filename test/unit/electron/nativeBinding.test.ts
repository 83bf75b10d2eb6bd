import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingRelativePath, resolveNativeBinding } from '../../../src-main/electron/nativeBinding';

const script = path.resolve('scripts/electron-native.mjs');
const printPath = (...args: string[]) => execFileSync(process.execPath, [script, '--print-path', ...args], { encoding: 'utf8' }).trim();

describe('native binding path', () => {
  it('names the binding by runtime, ABI, platform and arch', () => {
    expect(nativeBindingRelativePath({ runtime: 'electron', abi: '150', platform: 'darwin', arch: 'arm64' })).toBe(
      'native/better-sqlite3/electron-v150-darwin-arm64/better_sqlite3.node',
    );
  });

  it('agrees with scripts/electron-native.mjs, which builds it', () => {
    const abi = execFileSync(process.execPath, ['-e', "process.stdout.write(require('fs').readFileSync('node_modules/electron/abi_version','utf8').trim())"], { encoding: 'utf8' });
    expect(printPath()).toBe(nativeBindingRelativePath({ runtime: 'electron', abi, platform: process.platform, arch: process.arch }));
    expect(printPath('--runtime', 'node', '--platform', 'win32', '--arch', 'ia32')).toBe(
      nativeBindingRelativePath({ runtime: 'node', abi: process.versions.modules, platform: 'win32', arch: 'ia32' }),
    );
  });

  it('resolves from the app folder in development and from app.asar.unpacked when packaged', () => {
    const target = { runtime: 'electron' as const, abi: '150', platform: 'linux', arch: 'x64' };
    expect(resolveNativeBinding({ isPackaged: false, appPath: '/src/postdeck', resourcesPath: '/unused', target })).toBe(
      path.join('/src/postdeck', 'native', 'better-sqlite3', 'electron-v150-linux-x64', 'better_sqlite3.node'),
    );
    expect(resolveNativeBinding({ isPackaged: true, appPath: '/opt/P/resources/app.asar', resourcesPath: '/opt/P/resources', target })).toBe(
      path.join('/opt/P/resources', 'app.asar.unpacked', 'native', 'better-sqlite3', 'electron-v150-linux-x64', 'better_sqlite3.node'),
    );
  });
});
