import type { AppInfo, Preferences } from '../../src-shared/models';
import type { AccountsService } from '../accounts/service';
import type { ConnectFlow } from '../accounts/connect';
import type { HealthKeeper } from '../accounts/health';
import type { HandlerTable } from './dispatcher';

/** What the handler table needs; the composition root supplies it. */
export interface Services {
  info(): AppInfo;
  accounts: AccountsService;
  connect: ConnectFlow;
  health: HealthKeeper;
  settings: {
    getPreferences(): Preferences;
    setPreferences(change: Partial<Preferences>): Preferences;
    setLiveConfig(input: { appId: string; appSecret?: string | undefined; redirectUri: string }): Promise<AppInfo>;
    clearLiveConfig(): Promise<AppInfo>;
    resetSecureStorage(): Promise<AppInfo>;
    setWeakKeyringConsent(input: { allow: boolean }): AppInfo;
  };
}

export function createHandlers(services: Services): HandlerTable {
  return {
    'app.info': () => services.info(),
    'accounts.list': () => services.accounts.list(),
    'accounts.connect': () => services.connect.start({ kind: 'connect' }),
    'accounts.reconnect': ({ accountId }) => services.connect.start({ kind: 'reconnect', accountId }),
    'accounts.cancelConnect': ({ attemptId }) => {
      services.connect.cancel(attemptId);
      return {};
    },
    'accounts.check': ({ accountId }) => services.health.check(accountId),
    'accounts.disconnect': ({ accountId }) => services.accounts.disconnect(accountId),
    'settings.getPreferences': () => services.settings.getPreferences(),
    'settings.setPreferences': (change) => services.settings.setPreferences(change),
    'settings.setLiveConfig': (input) => services.settings.setLiveConfig(input),
    'settings.clearLiveConfig': () => services.settings.clearLiveConfig(),
    'settings.resetSecureStorage': () => services.settings.resetSecureStorage(),
    'settings.setWeakKeyringConsent': (input) => services.settings.setWeakKeyringConsent(input),
  };
}
