import { describe, expect, it } from 'vitest';
import { DomainEvents, EventBus } from '../../../src-main/config/events';
import { createLogger } from '../../../src-main/config/logger';

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { logger: createLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>)), lines };
}

describe('event buses', () => {
  it('the renderer bus logs a throwing listener with its event and still calls the next one', () => {
    const { logger, lines } = recordingLogger();
    const bus = new EventBus(logger);
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('window closed');
    });
    bus.subscribe((event) => heard.push(event.name));
    bus.emit('posts.changed', { postId: 'p1' });
    expect(heard).toEqual(['posts.changed']);
    expect(lines).toEqual([expect.objectContaining({ level: 'error', message: 'event listener failed', event: 'posts.changed', error: expect.objectContaining({ message: 'window closed' }) })]);
  });

  it('a domain listener hears only its own event, by name, until it unsubscribes', () => {
    const { logger } = recordingLogger();
    const domain = new DomainEvents(logger);
    const heard: string[] = [];
    const stop = domain.on('account.reconnected', ({ accountId }) => heard.push(accountId));
    domain.emit('account.connected', { accountId: 'new' });
    domain.emit('account.reconnected', { accountId: 'a1' });
    stop();
    domain.emit('account.reconnected', { accountId: 'a2' });
    expect(heard).toEqual(['a1']);
  });

  it('a throwing domain listener is logged with its event and the next listener still runs', () => {
    const { logger, lines } = recordingLogger();
    const domain = new DomainEvents(logger);
    const heard: string[] = [];
    domain.on('post.published', () => {
      throw new Error('insights broke');
    });
    domain.on('post.published', ({ postId }) => heard.push(postId));
    domain.emit('post.published', { postId: 'p1' });
    expect(heard).toEqual(['p1']);
    expect(lines).toEqual([expect.objectContaining({ level: 'error', message: 'event listener failed', event: 'post.published', error: expect.objectContaining({ message: 'insights broke' }) })]);
  });
});
