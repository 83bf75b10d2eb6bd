import { describe, expect, it } from 'vitest';
import { FaultStore, faultError } from '../../../src-main/sandbox/faults';
import { SandboxInputError } from '../../../src-main/sandbox/types';

describe('FaultStore', () => {
  it('consumes counted faults and keeps uncounted ones', () => {
    const store = new FaultStore();
    store.add({ kind: 'status', status: 503, count: 2 });
    store.add({ kind: 'latency', latencyMs: 50 });
    expect(store.plan('GET', '/me', '/me')).toMatchObject({ latencyMs: 50, terminal: { kind: 'status' } });
    expect(store.plan('GET', '/me', '/me')?.terminal?.kind).toBe('status');
    const third = store.plan('GET', '/me', '/me');
    expect(third?.terminal).toBeUndefined();
    expect(third?.latencyMs).toBe(50);
    expect(store.list()).toHaveLength(1);
  });

  it('matches method and path prefix, against the path with or without a version', () => {
    const store = new FaultStore();
    store.add({ kind: 'reset', match: { method: 'post', pathPrefix: '/me' } });
    expect(store.plan('GET', '/v24.0/me', '/me')).toBeUndefined();
    expect(store.plan('POST', '/v24.0/me', '/me')?.terminal?.kind).toBe('reset');
    expect(store.plan('POST', '/access_token', '/access_token')).toBeUndefined();
  });

  it('uses only the first terminal fault and leaves the others unconsumed', () => {
    const store = new FaultStore();
    store.add({ kind: 'graph_error', code: 4, count: 1 });
    store.add({ kind: 'status', status: 500, count: 1 });
    expect(store.plan('GET', '/me', '/me')?.terminal?.kind).toBe('graph_error');
    expect(store.plan('GET', '/me', '/me')?.terminal?.kind).toBe('status');
    expect(store.plan('GET', '/me', '/me')).toBeUndefined();
  });

  it('rejects invalid faults', () => {
    const store = new FaultStore();
    expect(() => store.add({ kind: 'latency' })).toThrow(SandboxInputError);
    expect(() => store.add({ kind: 'status', count: 0 })).toThrow(SandboxInputError);
    expect(() => store.add({ kind: 'nope' } as never)).toThrow(SandboxInputError);
  });

  it('builds Graph errors with transient defaults', () => {
    const store = new FaultStore();
    const status = store.add({ kind: 'status' });
    expect(faultError(status)).toMatchObject({ status: 503, code: 2, isTransient: true });
    const graph = store.add({ kind: 'graph_error', code: 190, subcode: 463 });
    expect(faultError(graph)).toMatchObject({ status: 400, code: 190, subcode: 463, isTransient: false });
  });
});
