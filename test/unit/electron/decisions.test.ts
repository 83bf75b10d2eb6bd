import { describe, expect, it, vi } from 'vitest';
import { closeAction, readPreferences, unloadAction, watchConnectivity } from '../../../src-main/electron/lifecycle';
import { Failure } from '../../../src-main/config/failure';
import { describeStartupFailure, startupChoices } from '../../../src-main/electron/startupError';
import { trayMenuTemplate, trayTooltip } from '../../../src-main/electron/tray';
import { appError } from '../../../src-shared/errors';

const context = { version: '1.2.3', platform: 'linux', arch: 'x64', homeDir: '/home/ana' };

describe('describeStartupFailure', () => {
  it('shows an AppError with its own message and action', () => {
    const failure = describeStartupFailure(appError('keyring_changed'), context);
    expect(failure).toMatchObject({ code: 'keyring_changed', message: appError('keyring_changed').message, action: appError('keyring_changed').action });
  });

  it('maps an Error carrying a known code to the catalog sentence, redacting tokens and the home folder', () => {
    const error = Object.assign(new Error('user_version 7 > 3 at /home/ana/.config/Postdeck/postdeck.db IGQVJXYZabcdefghijklmnop'), { code: 'database_too_new' });
    const failure = describeStartupFailure(error, context);
    expect(failure.code).toBe('database_too_new');
    expect(failure.message).toBe(appError('database_too_new').message);
    expect(failure.action).toBe(appError('database_too_new').action);
    expect(failure.details).toContain('Postdeck 1.2.3 on linux-x64');
    expect(failure.details).toContain('~/.config/Postdeck');
    expect(failure.details).not.toContain('/home/ana');
    expect(failure.details).not.toContain('IGQVJXYZabcdefghijklmnop');
  });

  it('keeps a damaged database\'s path for the dialog, and its path and cause, redacted, for the copied details', () => {
    const error = Object.assign(new Failure('database_damaged', '/home/ana/.config/Postdeck/postdeck.db'), { cause: 'file is not a database' });
    const failure = describeStartupFailure(error, context);
    expect(failure).toMatchObject({ code: 'database_damaged', message: appError('database_damaged').message, detail: '/home/ana/.config/Postdeck/postdeck.db' });
    expect(failure.details).toContain('Detail: ~/.config/Postdeck/postdeck.db');
    expect(failure.details).toContain('Cause: file is not a database');
    expect(failure.details).not.toContain('/home/ana');
    expect(startupChoices(failure).map((item) => item.choice)).toEqual(['copy_details', 'move_aside', 'quit']);
    expect(startupChoices(describeStartupFailure(new Failure('database_too_new'), context)).map((item) => item.choice)).toEqual(['copy_details', 'quit']);
  });

  it('treats anything else as an internal error', () => {
    expect(describeStartupFailure('boom', context).code).toBe('internal_error');
    expect(describeStartupFailure(Object.assign(new Error('x'), { code: 'ENOENT' }), context).code).toBe('internal_error');
  });
});

describe('tray', () => {
  const actions = { open: vi.fn(), openWaitingQueue: vi.fn(), quit: vi.fn() };
  const none = { attention: 0, waiting: 0 };
  it('adds the attention line only when accounts need attention', () => {
    expect(trayMenuTemplate(none, actions).map((item) => item.label)).toEqual(['Open Postdeck', undefined, 'Quit']);
    expect(trayMenuTemplate({ ...none, attention: 3 }, actions).map((item) => item.label)).toEqual(['Open Postdeck', '3 accounts need attention', undefined, 'Quit']);
    expect(trayMenuTemplate({ ...none, attention: 1 }, actions)[1]?.label).toBe('1 account needs attention');
    expect(trayTooltip(none)).toBe('Postdeck');
    expect(trayTooltip({ ...none, attention: 2 })).toBe('Postdeck: 2 accounts need attention');
  });
  it('adds how many posts wait for approval, after the attention line, and opens the queue from it', () => {
    const items = trayMenuTemplate({ attention: 1, waiting: 2 }, actions);
    expect(items.map((item) => item.label)).toEqual(['Open Postdeck', '1 account needs attention', '2 posts wait for approval', undefined, 'Quit']);
    expect(trayMenuTemplate({ ...none, waiting: 1 }, actions)[1]?.label).toBe('1 post waits for approval');
    expect(trayTooltip({ attention: 1, waiting: 2 })).toBe('Postdeck: 1 account needs attention; 2 posts wait for approval');
    expect(trayTooltip({ ...none, waiting: 1 })).toBe('Postdeck: 1 post waits for approval');
    (items[2]!.click as () => void)();
    expect(actions.openWaitingQueue).toHaveBeenCalledTimes(1);
  });
  it('wires Quit and Open', () => {
    const items = trayMenuTemplate(none, actions);
    (items.at(-1)!.click as () => void)();
    (items[0]!.click as () => void)();
    expect(actions.quit).toHaveBeenCalledTimes(1);
    expect(actions.open).toHaveBeenCalledTimes(1);
  });
});

describe('lifecycle decisions', () => {
  it('hides on close only with the preference on and not while quitting', () => {
    expect(closeAction({ quitting: false, keepRunningInTray: true })).toBe('hide');
    expect(closeAction({ quitting: true, keepRunningInTray: true })).toBe('close');
    expect(closeAction({ quitting: false, keepRunningInTray: false })).toBe('close');
  });

  it('a page holding its unload (unsaved changes) is asked about on close or reload, and let go when the app quits', () => {
    expect(unloadAction({ quitting: false })).toBe('ask');
    expect(unloadAction({ quitting: true })).toBe('leave');
  });

  it('reads preferences defensively', () => {
    const current = { keepRunningInTray: true, startAtLogin: false };
    expect(readPreferences({ keepRunningInTray: false, startAtLogin: true }, current)).toEqual({ keepRunningInTray: false, startAtLogin: true });
    expect(readPreferences({ keepRunningInTray: 'yes' }, current)).toEqual(current);
    expect(readPreferences(null, current)).toEqual(current);
  });

  it('calls back on each offline → online transition only', () => {
    let tick: () => void = () => {};
    const clear = vi.fn();
    let online = true;
    const back = vi.fn();
    const stop = watchConnectivity(() => online, back, { setInterval: (fn) => ((tick = fn), 1), clearInterval: clear });
    tick();
    expect(back).not.toHaveBeenCalled();
    online = false;
    tick();
    tick();
    online = true;
    tick();
    tick();
    expect(back).toHaveBeenCalledTimes(1);
    online = false;
    tick();
    online = true;
    tick();
    expect(back).toHaveBeenCalledTimes(2);
    stop();
    expect(clear).toHaveBeenCalledWith(1);
  });
});
