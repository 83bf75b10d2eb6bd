/** The rate-limit usage Settings shows: Instagram's latest usage readings and what background work does about them. */
import { z } from 'zod';

export const usageSchema = z.object({
  /** Highest of the app's call count, CPU time and total time, in percent; null before any answer said. */
  appPercent: z.number().nullable(),
  accounts: z.array(z.object({ accountId: z.string(), username: z.string(), percent: z.number(), regainAt: z.string().nullable() })),
  /** What background work does now: everything runs, is spread out (above 75 %), or waits (above 90 %). */
  background: z.enum(['running', 'slowed', 'paused']),
});
export type Usage = z.infer<typeof usageSchema>;
