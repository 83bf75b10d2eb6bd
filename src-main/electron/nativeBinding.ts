import path from 'node:path';

/**
 * Where the better-sqlite3 binding built for this runtime lives. Same naming as
 * scripts/electron-native.mjs (a unit test checks both agree): `native/better-sqlite3/<runtime>-v<abi>-<platform>-<arch>/`.
 */
export interface NativeTarget {
  runtime: 'electron' | 'node';
  abi: string;
  platform: string;
  arch: string;
}

export function nativeBindingRelativePath(target: NativeTarget): string {
  return ['native', 'better-sqlite3', `${target.runtime}-v${target.abi}-${target.platform}-${target.arch}`, 'better_sqlite3.node'].join('/');
}

/**
 * Absolute path of the binding: next to package.json in development (`app.getAppPath()`), and in
 * `resources/app.asar.unpacked` when packaged (native/** is asarUnpack'ed; a .node cannot load from inside an asar).
 */
export function resolveNativeBinding(options: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
  target: NativeTarget;
}): string {
  const base = options.isPackaged ? path.join(options.resourcesPath, 'app.asar.unpacked') : options.appPath;
  return path.join(base, ...nativeBindingRelativePath(options.target).split('/'));
}

/** The binding this Electron process loads: its own ABI, platform and arch. */
export function ownElectronBinding(app: { isPackaged: boolean; getAppPath(): string }): string {
  return resolveNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    target: { runtime: 'electron', abi: process.versions.modules, platform: process.platform, arch: process.arch },
  });
}
