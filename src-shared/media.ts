import { z } from 'zod';
import { appErrorSchema } from './errors';
import { isMediaId } from './mediaPreview';

/** Desktop only: show a file of the media library in the system's file manager, named by its id (never by a path). */
export const revealMediaInputSchema = z.object({ mediaId: z.string().refine(isMediaId) }).strict();

/**
 * A video Instagram would refuse as it is (HEVC, over 60 fps, MP3 sound...) is converted to H.264/AAC MP4
 * before it goes online; the original stays as it was. `summary` says what changes ("HEVC → H.264"),
 * `reasons` why, `percent` how far the conversion is while it runs.
 */
export const videoConversionSchema = z.object({
  state: z.enum(['waiting', 'converting', 'converted', 'failed']),
  summary: z.string(),
  reasons: z.array(z.string()),
  percent: z.number().min(0).max(100).nullable(),
  error: appErrorSchema.optional(),
});

export type VideoConversionView = z.infer<typeof videoConversionSchema>;

/**
 * `media.import`, `media.describe`: a photo or video copied into Postdeck's media folder, probed, with
 * Instagram's warnings. `name` is the file's own name as the user had it, for showing it (never the id).
 */
export const mediaItemSchema = z.object({
  id: z.string(),
  name: z.string(),
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
  /** Null for a photo, or a video Instagram takes as it is. */
  conversion: videoConversionSchema.nullable(),
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
  /** What the library knows of these items (a post's media, a Reel's cover); ids it does not know are left out. */
  'media.describe': { input: z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(20) }).strict(), output: z.array(mediaItemSchema) },
  /** The picture of a pasted image address the page may not load itself, fetched by Postdeck; `link_preview_failed` says why not. */
  'media.linkPreview': {
    input: z.object({ url: z.string().min(1).max(2048) }).strict(),
    output: z.object({ previewId: z.string(), width: z.number().int(), height: z.number().int() }),
  },
} as const;
