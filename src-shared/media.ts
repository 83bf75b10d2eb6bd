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

/** No disk allows a longer file or folder name (in UTF-8 bytes). */
const MAX_NAME_BYTES = 255;
const utf8 = new TextEncoder();

/** A path on this computer, refused by name when no disk could hold it rather than failing inside the file system. */
export const localPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\0'), 'The path contains a NUL character, which no file name can hold.')
  .refine((path) => path.split(/[\\/]/).every((name) => utf8.encode(name).length <= MAX_NAME_BYTES), `A file or folder name in the path is longer than ${MAX_NAME_BYTES} bytes, which no disk allows.`);

export const mediaChannels = {
  /** Desktop paths come from the open dialog or drag and drop. */
  'media.import': { input: z.object({ path: localPath }).strict(), output: mediaItemSchema },
} as const;
