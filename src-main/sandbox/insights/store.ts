/**
 * Insights state the control API can change: media with too few viewers. Figures themselves are computed
 * (values.ts), never stored, so they need no saving.
 */
import { SandboxInputError } from '../types';

export class InsightsKnobs {
  /** Media id → accounts it reaches at most (below VIEWER_THRESHOLD: `#10 Not enough viewers`). */
  private readonly audiences = new Map<string, number>();

  reset(): void {
    this.audiences.clear();
  }

  setAudience(mediaId: string, viewers: number): void {
    if (!Number.isInteger(viewers) || viewers < 0) throw new SandboxInputError('viewers must be a non-negative integer');
    this.audiences.set(mediaId, viewers);
  }

  audience(mediaId: string): number | undefined {
    return this.audiences.get(mediaId);
  }
}
