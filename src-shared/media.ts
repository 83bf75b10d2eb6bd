import { z } from 'zod';

/** `media.import`: a photo or video copied into Postdeck's media folder, probed, with Instagram's warnings. */
export const mediaItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'video']),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  durationMs: z.number().nullable(),
  warnings: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      choices: z.array(z.enum(['crop', 'pad'])).optional(),
    }),
  ),
});

export const mediaChannels = {
  /** Desktop paths come from the open dialog or drag and drop. */
  'media.import': { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: mediaItemSchema },
} as const;
