import { z } from 'zod';
import { localPath } from './media';

/** Export / import: one passphrase-sealed file moves accounts, settings, media and posts. */
const transferInput = z
  .object({
    path: localPath.refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'), 'Give the full path of the file, starting at the top of the disk.'),
    passphrase: z.string().min(8, 'The passphrase must be at least 8 characters.').max(1024),
  })
  .strict();

const count = z.number().int().nonnegative();

export const transferChannels = {
  /** Writes the file atomically (mode 0600); answers how much went in. */
  /** Direct messages are other people's words: they go in only with `includeMessages`. */
  'data.export': {
    input: transferInput.extend({ includeMessages: z.boolean().optional() }).strict(),
    output: z.object({ path: z.string(), accounts: count, posts: count, media: count, messages: count }),
  },
  /** The same Instagram account is updated, never doubled; posts and media already here are kept as they are. */
  'data.import': { input: transferInput, output: z.object({ accounts: z.object({ added: count, updated: count }), posts: count, media: count, messages: count }) },
} as const;
