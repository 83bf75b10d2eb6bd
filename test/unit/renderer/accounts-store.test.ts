import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../src-renderer/bridge';
import { createAccountsStore, mergeAccounts } from '../../../src-renderer/features/accounts/store';
import { appError } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';

const a = (id: string, state: Account['health']['state'] = 'healthy') =>
  ({ id, username: id, health: { state, checkedAt: null } }) as Account;

describe('accounts store', () => {
  it('merges checked accounts in place and appends new ones', () => {
    expect(mergeAccounts([a('1'), a('2')], [a('2', 'unhealthy'), a('3')])).toEqual([a('1'), a('2', 'unhealthy'), a('3')]);
  });

  it('the newest list wins when fetches overlap', async () => {
    const answers: Array<(v: unknown) => void> = [];
    const bridge = {
      invoke: () => new Promise((resolve) => answers.push(resolve)),
      on: () => () => {},
    } as unknown as Bridge;
    const store = createAccountsStore(bridge);
    const first = store.getState().fetch();
    const second = store.getState().fetch();
    answers[1]!({ ok: true, value: [a('new')] });
    answers[0]!({ ok: true, value: [a('old')] });
    await Promise.all([first, second]);
    expect(store.getState().accounts).toEqual([a('new')]);
    expect(store.getState().loaded).toBe(true);
  });

  it('keeps a failed check next to its account and clears the busy flag', async () => {
    const bridge = {
      invoke: async () => ({ ok: false, error: appError('network_error') }),
      on: () => () => {},
    } as unknown as Bridge;
    const store = createAccountsStore(bridge);
    await store.getState().check('1');
    expect(store.getState().busy['1']).toBeUndefined();
    expect(store.getState().errors['account:1']?.code).toBe('network_error');
  });
});
