import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../src-main/config/events';
import { createLogger, silentLogger } from '../../../src-main/config/logger';
import { eventPayloadCheck } from '../../../src-main/ipc/contractCheck';
import type { AppEvent, EventMap } from '../../../src-shared/events';

function checkedBus() {
  const lines: string[] = [];
  const logger = createLogger((line) => lines.push(line));
  const bus = new EventBus(logger, eventPayloadCheck(logger));
  const delivered: AppEvent[] = [];
  bus.subscribe((event) => delivered.push(event));
  return { bus, lines, delivered };
}

describe('event payload check', () => {
  it('logs an event whose payload does not match its schema, naming the event and the field, and still delivers it', () => {
    const { bus, lines, delivered } = checkedBus();
    bus.emit('connect.progress', { attemptId: 'a1', step: 'teleporting' } as unknown as EventMap['connect.progress']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('event payload does not match its schema');
    expect(lines[0]).toContain('connect.progress');
    expect(lines[0]).toContain('step');
    expect(delivered).toHaveLength(1);
  });

  it('stays quiet for payloads that match', () => {
    const { bus, lines, delivered } = checkedBus();
    bus.emit('accounts.changed', { reason: 'connected' });
    bus.emit('app.changed', {});
    bus.emit('health.alert', { accountId: 'x', username: 'maya', reason: 'token_revoked' });
    bus.emit('connect.finished', { attemptId: 'a1', ok: false, error: { code: 'cancelled', message: 'Connecting was cancelled.' } });
    expect(lines).toEqual([]);
    expect(delivered).toHaveLength(4);
  });

  it('refuses an error code the catalog does not have', () => {
    const { bus, lines } = checkedBus();
    bus.emit('connect.finished', { attemptId: 'a1', ok: false, error: { code: 'made_up', message: 'x' } as never });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error.code');
  });

  it('an EventBus without a check delivers without looking', () => {
    const bus = new EventBus(silentLogger);
    const listener = vi.fn();
    bus.subscribe(listener);
    bus.emit('connect.progress', { attemptId: 'a1', step: 'teleporting' } as unknown as EventMap['connect.progress']);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
