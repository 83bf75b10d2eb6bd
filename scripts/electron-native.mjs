#!/usr/bin/env node
// Builds better-sqlite3's native binding for a runtime into native/better-sqlite3/<target>/ so that the
// Node build (node_modules/better-sqlite3/build, used by `npm test`) and the Electron build (used by
// `npm start` and packaging) live side by side. This script never writes into node_modules.
//
//   node scripts/electron-native.mjs                    Electron build for the installed electron (default)
//   node scripts/electron-native.mjs --runtime node     build for this Node (proves the pipeline offline)
//   node scripts/electron-native.mjs --print-path       print the binding's path relative to the project, build nothing
//   options: --arch <arch> (default: this machine's), --platform <p> (with --print-path only), --force
//
// Strategy, in a copy of node_modules/better-sqlite3 (minus its build/) under .cache/:
// prebuild-install (better-sqlite3 publishes Electron and Node prebuilds), else node-gyp rebuild.
// The naming below must match src-main/electron/nativeBinding.ts (a unit test checks both agree).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const BINDING_FILE = 'better_sqlite3.node';

/** `<runtime>-v<abi>-<platform>-<arch>`, e.g. `electron-v150-linux-x64`. */
export function nativeTargetName({ runtime, abi, platform, arch }) {
  return `${runtime}-v${abi}-${platform}-${arch}`;
}

/** Path of the binding relative to the project (and to app.asar.unpacked when packaged), '/'-separated. */
export function nativeBindingRelativePath(target) {
  return ['native', 'better-sqlite3', nativeTargetName(target), BINDING_FILE].join('/');
}

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}

function log(message) {
  console.log(`electron-native: ${message}`);
}

function parseArgs(argv) {
  const options = { runtime: 'electron', arch: process.arch, platform: process.platform, force: false, printPath: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith('--')) fail(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--runtime':
        options.runtime = value();
        if (options.runtime !== 'electron' && options.runtime !== 'node') fail(`--runtime must be electron or node, not ${options.runtime}`);
        break;
      case '--arch':
        options.arch = value();
        break;
      case '--platform':
        options.platform = value();
        break;
      case '--force':
        options.force = true;
        break;
      case '--print-path':
        options.printPath = true;
        break;
      case '--help':
      case '-h':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).join('\n'));
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${arg} (try --help)`);
    }
  }
  if (!options.printPath && options.platform !== process.platform) fail('--platform is only for --print-path: native modules cannot be cross-compiled to another OS here');
  return options;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The runtime version to build against and its ABI (NODE_MODULE_VERSION). */
function runtimeTarget(runtime) {
  if (runtime === 'node') return { version: process.versions.node, abi: process.versions.modules };
  const electronDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(electronDir, 'package.json'))) fail('node_modules/electron is not installed; run npm install first');
  const version = readJson(path.join(electronDir, 'package.json')).version;
  const abiFile = path.join(electronDir, 'abi_version');
  if (!existsSync(abiFile)) fail(`node_modules/electron/abi_version is missing, so the ABI of Electron ${version} is unknown`);
  const abi = readFileSync(abiFile, 'utf8').trim();
  if (!/^\d+$/.test(abi)) fail(`node_modules/electron/abi_version holds "${abi}", not a number`);
  return { version, abi };
}

/** Node headers for a node-gyp build against this Node: a configured nodedir, or the ones installed next to node. */
function localNodeDir() {
  const configured = process.env.npm_config_nodedir;
  if (configured && existsSync(path.join(configured, 'include', 'node', 'node_version.h'))) return configured;
  const prefix = path.dirname(path.dirname(process.execPath));
  const header = path.join(prefix, 'include', 'node', 'node_version.h');
  if (existsSync(header)) {
    const text = readFileSync(header, 'utf8');
    const part = (name) => text.match(new RegExp(`#define ${name} (\\d+)`))?.[1];
    if (`${part('NODE_MAJOR_VERSION')}.${part('NODE_MINOR_VERSION')}.${part('NODE_PATCH_VERSION')}` === process.versions.node) return prefix;
  }
  return null;
}

function run(command, args, cwd, env) {
  log(`$ ${path.basename(command) === path.basename(process.execPath) ? 'node' : command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit', timeout: 30 * 60 * 1000 });
  if (result.error) log(`could not run it: ${result.error.message}`);
  return result.status === 0;
}

function binScript(pkg, relative) {
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), relative);
  } catch {
    return null;
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const { version, abi } = runtimeTarget(options.runtime);
  const target = { runtime: options.runtime, abi, platform: options.platform, arch: options.arch };
  const relative = nativeBindingRelativePath(target);
  if (options.printPath) {
    console.log(relative);
    return;
  }

  const sourceDir = path.join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(path.join(sourceDir, 'package.json'))) fail('node_modules/better-sqlite3 is not installed; run npm install first');
  const sqliteVersion = readJson(path.join(sourceDir, 'package.json')).version;
  const outFile = path.join(root, ...relative.split('/'));
  const infoFile = path.join(path.dirname(outFile), 'build-info.json');
  const label = `better-sqlite3 ${sqliteVersion} for ${options.runtime} ${version} (ABI ${abi}, ${options.platform}-${options.arch})`;

  if (!options.force && existsSync(outFile) && existsSync(infoFile)) {
    const info = readJson(infoFile);
    if (info.betterSqlite3 === sqliteVersion && info.runtimeVersion === version) {
      log(`${relative} is up to date (${label}); nothing to do`);
      return;
    }
    log(`${relative} was built for better-sqlite3 ${info.betterSqlite3} / ${options.runtime} ${info.runtimeVersion}; rebuilding`);
  }

  // A private copy: the build writes build/ next to binding.gyp, and node_modules/better-sqlite3/build is the
  // Node binding the tests load, so it must never be the one we write.
  const workDir = path.join(root, '.cache', 'better-sqlite3', nativeTargetName(target));
  log(`building ${label}`);
  log(`copying node_modules/better-sqlite3 (without build/) to ${path.relative(root, workDir)}`);
  rmSync(workDir, { recursive: true, force: true });
  cpSync(sourceDir, workDir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(sourceDir, src).split(path.sep);
      return rel[0] !== 'build' && rel[0] !== 'node_modules';
    },
  });

  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // Inherited npm settings (nodedir, runtime, target, build_from_source...) must not redirect this build.
    if (/^npm_config_(nodedir|runtime|target|target_arch|arch|disturl|dist_url|build_from_source)$/i.test(key)) delete env[key];
  }
  const builtBinding = path.join(workDir, 'build', 'Release', BINDING_FILE);
  let method = null;

  const prebuild = binScript('prebuild-install', 'bin.js');
  if (prebuild) {
    log('trying a published prebuild (needs access to github.com)');
    if (run(process.execPath, [prebuild, `--runtime=${options.runtime}`, `--target=${version}`, `--arch=${options.arch}`, `--platform=${options.platform}`], workDir, env) && existsSync(builtBinding)) {
      method = 'prebuild-install';
    } else {
      log('no prebuild available; compiling from source with node-gyp');
    }
  } else {
    log('prebuild-install is not installed; compiling from source with node-gyp');
  }

  if (!method) {
    const nodeGyp = binScript('node-gyp', path.join('bin', 'node-gyp.js'));
    if (!nodeGyp) fail('node-gyp is not installed (it is a devDependency); run npm install');
    const args = [nodeGyp, 'rebuild', '--release', `--arch=${options.arch}`, `--target=${version}`];
    if (options.runtime === 'electron') {
      // Electron's headers in their own cache, as electron-rebuild does, so they never mix with Node's of the same version number.
      args.push('--runtime=electron', '--dist-url=https://electronjs.org/headers', `--devdir=${path.join(os.homedir(), '.electron-gyp')}`);
    } else {
      const nodedir = localNodeDir();
      if (nodedir) args.push(`--nodedir=${nodedir}`);
      else log('no local Node headers found; node-gyp will download them');
    }
    if (run(process.execPath, args, workDir, env) && existsSync(builtBinding)) method = 'node-gyp';
  }

  if (!method) {
    fail(
      `could not build ${label}.\n` +
        `  prebuild-install needs github.com and node-gyp needs ${options.runtime === 'electron' ? 'electronjs.org/headers' : 'Node headers'}` +
        ' plus a C++ toolchain (python3, make, g++ / Xcode CLT / MSVC).\n' +
        `  Nothing was written to ${relative}; node_modules/better-sqlite3 is untouched.`,
    );
  }

  mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.tmp-${process.pid}`;
  copyFileSync(builtBinding, tmp);
  renameSync(tmp, outFile);
  writeFileSync(
    infoFile,
    `${JSON.stringify({ betterSqlite3: sqliteVersion, runtime: options.runtime, runtimeVersion: version, abi, platform: options.platform, arch: options.arch, method }, null, 2)}\n`,
  );
  log(`wrote ${relative} (${method})`);

  if (options.runtime === 'node') {
    // The one runtime we can load here: prove the binding works.
    const Database = require('better-sqlite3');
    const db = new Database(':memory:', { nativeBinding: outFile });
    const row = db.prepare('select sqlite_version() as version').get();
    db.close();
    log(`loaded it under Node ${process.versions.node}: SQLite ${row.version}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
