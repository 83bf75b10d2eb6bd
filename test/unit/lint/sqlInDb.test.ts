import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// better-sqlite3 blocks the event loop, so its statements stay in db/ repositories, where they are easy to
// see and keep out of loops over the network.
const root = path.resolve(__dirname, '../../..');
const STATEMENT = /\.(?:prepare|pragma)\s*[<(]|\bdb\.exec\s*\(/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('SQL statements', () => {
  it('live only in src-main/db/', () => {
    const files = sourceFiles(path.join(root, 'src-main'));
    expect(files.length).toBeGreaterThan(100);
    const outside = files
      .filter((file) => !file.startsWith(path.join(root, 'src-main', 'db') + path.sep))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) => (STATEMENT.test(line) ? [`${path.relative(root, file)}:${index + 1}`] : [])),
      );
    expect(outside).toEqual([]);
  });
});
