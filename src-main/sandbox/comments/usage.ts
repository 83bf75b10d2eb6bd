/**
 * `POST /__sandbox/usage`: pushes the usage Graph answers report, so a test can watch Postdeck slow and pause
 * background work (fact sheet §9). Null values fall back to the counted usage (app) or 0 % (account).
 */
export interface UsageKnob {
  appPercent: number | null;
  accountPercent: number | null;
  regainMinutes: number | null;
}

export const NO_USAGE_KNOB: UsageKnob = { appPercent: null, accountPercent: null, regainMinutes: null };

/** `X-Business-Use-Case-Usage` for the token's account (whether Instagram always sends it is unconfirmed: the sandbox does). */
export function businessUsageHeader(knob: UsageKnob, igUserId: string | undefined): string | null {
  if (!igUserId) return null;
  const percent = knob.accountPercent ?? 0;
  return JSON.stringify({
    [igUserId]: [{ type: 'instagram', call_count: percent, total_cputime: Math.floor(percent / 2), total_time: Math.floor(percent / 2), estimated_time_to_regain_access: knob.regainMinutes ?? 0 }],
  });
}
