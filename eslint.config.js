// Flat config. Besides typescript-eslint's recommended rules, this file holds the layout (DESIGN.md §2)
// with ESLint's own `no-restricted-imports`, one entry per folder; test/unit/lint/layering.test.ts proves it fires.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
/** The Node scripts behind npm's commands are plain ES modules; they get the same recommended rules. */
const SCRIPT_FILES = ['scripts/**/*.mjs'];

/**
 * Main-process folders by level (DESIGN.md §2): a folder may import its own level and the levels below it, never above.
 * entries/ → electron/, web/, headless/, cli/ → host/ → app/ → ipc/ → publishing/, insights/, comments/, transfer/, settings/
 * → accounts/ → auth/, instagram/, ratelimit/, vault/, db/, jobs/, media/ → config/.
 * The hosts stand side by side on host/: none imports another; only an entry point (entries/) composes two.
 * sandbox/ (the Instagram emulator) stands apart: it imports only config/, and only app/ and the hosts import it.
 * Every folder of src-main/ is named here; test/unit/lint/layering.test.ts fails when one is missing.
 */
const HOSTS = ['electron', 'web', 'headless', 'cli'];
const LEVELS = [
  ['config'],
  ['auth', 'instagram', 'ratelimit', 'vault', 'db', 'jobs', 'media'],
  ['accounts'],
  ['publishing', 'insights', 'comments', 'messages', 'transfer', 'settings'],
  ['ipc'],
  ['app'],
  ['host'],
  HOSTS,
  ['entries'],
];
export const MAIN_FOLDERS = [...LEVELS.flat(), 'sandbox'];

/** Deepest sub-folder (below src-main/<folder>/) whose files the layer rules cover. */
const MAX_DEPTH = 4;

/**
 * An import of `folders` written relatively from a file `depth` folders below src-main/<folder>/: exactly
 * enough `../` to reach src-main/ (`../db/x` from src-main/accounts/x.ts), or the repository root and
 * `src-main/` again. Counting the steps keeps `../publishing/store` inside sandbox/comments/ (the sandbox's
 * own publishing folder) from passing for src-main/publishing/.
 */
const folderImport = (folders, depth) => {
  const names = `(?:${folders.join('|')})(?:/|$)`;
  return `^(?:(?:\\.\\./){${depth + 1}}|(?:\\.\\./){${depth + 2}}src-main/)${names}`;
};

const electronBan = {
  paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron (DESIGN.md §1).' }],
  patterns: [{ regex: '^electron/', caseSensitive: true, message: 'Only src-main/electron/ may import electron (DESIGN.md §1).' }],
};

const nodeBuiltinBan = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'No Node built-ins here: this code also runs in the renderer.' })),
  patterns: [
    { regex: '^node:', caseSensitive: true, message: 'No Node built-ins here: this code also runs in the renderer.' },
    // `fs/promises`, `path/posix`, `stream/web`... are built-ins too.
    { regex: `^(?:${builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/')).join('|')})/`, caseSensitive: true, message: 'No Node built-ins here: this code also runs in the renderer.' },
  ],
};

const srcMainBan = { regex: '(?:^|/)src-main(?:/|$)', caseSensitive: true, message: 'src-shared/ and src-renderer/ never import the main process.' };
const srcRendererBan = { regex: '(?:^|/)src-renderer(?:/|$)', caseSensitive: true, message: 'Only the renderer imports src-renderer/ (src-renderer → src-shared ← src-main).' };

const restrict = (files, ...parts) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: parts.flatMap((part) => part.paths ?? []),
        patterns: parts.flatMap((part) => part.patterns ?? []),
      },
    ],
  },
});

/** What one main-process folder may not import. */
function mainFolderRules(folder) {
  let forbidden;
  if (folder === 'sandbox') {
    forbidden = MAIN_FOLDERS.filter((name) => name !== 'sandbox' && name !== 'config');
  } else {
    const level = LEVELS.findIndex((names) => names.includes(folder));
    forbidden = LEVELS.slice(level + 1).flat();
    // The hosts stand side by side: each forbids the others.
    if (HOSTS.includes(folder)) forbidden.push(...HOSTS.filter((host) => host !== folder));
    // Services never reach for the emulator; only the composition root and the hosts start it.
    if (level < LEVELS.findIndex((names) => names.includes('app'))) forbidden.push('sandbox');
  }
  const message = `src-main/${folder}/ may not import these folders: ${forbidden.join(', ')} (nothing imports upward, DESIGN.md §2).`;
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
    const parts = [{ patterns: [{ regex: folderImport(forbidden, depth), caseSensitive: true, message }] }, { patterns: [srcRendererBan] }];
    if (folder !== 'electron') parts.push(electronBan);
    return restrict([`src-main/${folder}/${'*/'.repeat(depth)}*`], ...parts);
  });
}

export default defineConfig([
  globalIgnores(['dist/', 'dist-main/', 'native/', 'release/', 'node_modules/', '.cache/', 'test-results/', 'playwright-report/']),
  {
    files: [...TS_FILES, ...SCRIPT_FILES],
    extends: [tseslint.configs.recommended],
  },
  {
    files: [...TS_FILES, ...SCRIPT_FILES],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Order matters: for one file the last matching entry's no-restricted-imports wins, so every entry is complete.
  restrict(['src-main/**'], electronBan, { patterns: [srcRendererBan] }),
  ...MAIN_FOLDERS.flatMap(mainFolderRules),
  restrict(['src-shared/**'], electronBan, nodeBuiltinBan, { patterns: [srcMainBan, srcRendererBan] }),
  restrict(['src-renderer/**'], electronBan, nodeBuiltinBan, { patterns: [srcMainBan] }),
  restrict(['bench/**'], electronBan),
]);
