import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Lint keeps imports from running upward between folders; this keeps files from importing each other in a
// circle, inside a folder too (type-only imports count: they tie the files' meanings together all the same).
const root = path.resolve(__dirname, '../../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importGraph(files: string[]): Map<string, string[]> {
  const specifiers = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(specifiers)].map((match) => resolveImport(file, match[1]!)).filter((target): target is string => target !== null && files.includes(target));
      return [file, targets];
    }),
  );
}

/** Tarjan's strongly connected components with more than one file, or a file importing itself. */
function importCircles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)!.includes(file)) circles.push(component.map((name) => path.relative(root, name)).sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

describe('import circles', () => {
  it('finds a circle when there is one', () => {
    const graph = new Map([
      [path.join(root, 'a.ts'), [path.join(root, 'b.ts')]],
      [path.join(root, 'b.ts'), [path.join(root, 'c.ts')]],
      [path.join(root, 'c.ts'), [path.join(root, 'a.ts')]],
      [path.join(root, 'd.ts'), [path.join(root, 'a.ts')]],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has none in src-main/, src-shared/ or src-renderer/', () => {
    const files = ['src-main', 'src-shared', 'src-renderer'].flatMap((folder) => sourceFiles(path.join(root, folder)));
    const graph = importGraph(files);
    // The reader must see the imports, or "no circles" would prove nothing.
    expect([...graph.values()].flat().length).toBeGreaterThan(files.length);
    expect(importCircles(graph)).toEqual([]);
  });
});
