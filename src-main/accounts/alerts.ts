import type { HealthReason } from '../../src-shared/models';
import type { EventBus } from '../config/events';
import type { Logger } from '../config/logger';

/** OS notifications (desktop host). */
export interface Notifier {
  notify(title: string, body: string): void;
}

/**
 * The one place that tells the user an account needs them: the in-app banner (`health.alert`) and the
 * OS notification always go out together, from here. Deciding *when* (once per step into unhealthy) is
 * the health keeper's job; it calls this exactly then.
 */
export class AttentionAlerts {
  constructor(
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly notifier?: Notifier,
  ) {}

  raise(account: { id: string; username: string }, reason: HealthReason): void {
    this.events.emit('health.alert', { accountId: account.id, username: account.username, reason });
    this.notifier?.notify(`@${account.username} needs reconnecting`, 'Open Postdeck and click Reconnect on the account.');
    this.logger.warn('account became unhealthy', { accountId: account.id, reason });
  }
}
