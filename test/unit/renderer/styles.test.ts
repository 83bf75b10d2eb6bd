import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(__dirname, '../../../src-renderer');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/**
 * Where a style sheet's blocks go wrong: a rule left open swallows every rule after it (Chromium reads them
 * as nested under it, so they stop applying), which no build step reports.
 */
function blockProblems(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const open: { head: string; atRule: boolean }[] = [];
  const problems: string[] = [];
  let head = '';
  for (const char of text) {
    if (char === '{') {
      const parent = open.at(-1);
      const selector = head.trim();
      if (parent && !parent.atRule) problems.push(`"${selector}" sits inside "${parent.head}", which is not closed`);
      open.push({ head: selector, atRule: selector.startsWith('@') });
      head = '';
    } else if (char === '}') {
      if (!open.pop()) problems.push('a "}" closes nothing');
      head = '';
    } else if (char === ';') {
      head = '';
    } else {
      head += char;
    }
  }
  for (const block of open) problems.push(`"${block.head}" is never closed`);
  return problems;
}

describe('renderer style sheets', () => {
  it('finds a rule left open before the next one', () => {
    expect(blockProblems('.a {\n  color: red;\n.b {\n  margin: 0;\n}\n')).toEqual([
      '".b" sits inside ".a", which is not closed',
      '".a" is never closed',
    ]);
    expect(blockProblems('@media (max-width: 900px) {\n  .a { color: red; }\n}\n.b { margin: 0; }')).toEqual([]);
  });

  it('every style sheet closes each rule before the next', () => {
    const files = cssFiles(RENDERER);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      expect(blockProblems(readFileSync(file, 'utf8')), relative(RENDERER, file)).toEqual([]);
    }
  });
});
