import type { AccountHealth } from '../../src-shared/models';
import { healthLabel } from '../lib/format';
import { Badge } from './Badge';
import type { BadgeTone } from './Badge';

const TONE: Record<AccountHealth['state'], BadgeTone> = {
  healthy: 'success',
  expiring_soon: 'warning',
  unhealthy: 'danger',
};

export function HealthBadge({ health }: { health: AccountHealth }) {
  return <Badge tone={TONE[health.state]}>{healthLabel(health.state)}</Badge>;
}
