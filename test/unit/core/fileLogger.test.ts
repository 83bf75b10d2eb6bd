import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src-main/config/fileLogger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);

describe('the log file', () => {
  it('moves a log over the limit aside while running, keeping one older generation, and loses no line', async () => {
    const echoed: string[] = [];
    const logging = createFileLogger(dir, (line) => echoed.push(line), 'serve.log', 2_000);
    for (let index = 0; index < 60; index++) logging.logger.info('a step of the scheduler', { index });
    await logging.close();
    const current = lines(join(dir, 'serve.log'));
    const older = lines(join(dir, 'serve.log.1'));
    expect(statSync(join(dir, 'serve.log')).size).toBeLessThanOrEqual(2_000);
    expect(statSync(join(dir, 'serve.log.1')).size).toBeLessThanOrEqual(2_000);
    // The newest lines are in the current file, the ones just before them in .1, in order.
    const indexes = [...older, ...current].map((line) => (JSON.parse(line) as { index: number }).index);
    expect(indexes).toEqual(Array.from({ length: indexes.length }, (_, i) => 60 - indexes.length + i));
    expect(echoed).toHaveLength(60);
  });

  it('at start, moves aside a log left over the limit', async () => {
    writeFileSync(join(dir, 'postdeck.log'), 'x'.repeat(3_000));
    const logging = createFileLogger(dir, () => undefined, 'postdeck.log', 2_000);
    logging.logger.info('started');
    await logging.close();
    expect(readFileSync(join(dir, 'postdeck.log.1'), 'utf8')).toBe('x'.repeat(3_000));
    expect(lines(join(dir, 'postdeck.log'))).toHaveLength(1);
  });
});
