import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

/** Thrown for a folder, a device, a socket or a pipe: none of them is a file a user meant to add. */
export class NotARegularFile extends Error {
  override readonly name = 'NotARegularFile';
}

/**
 * Opens `path` for reading only when it is a regular file. Opening a FIFO blocks (and holds one of libuv's
 * few threads) until a writer comes, and a device can be read forever: stat first, open without blocking in
 * case it was swapped meanwhile, then ask the opened handle.
 */
export async function openRegularFile(path: string): Promise<FileHandle> {
  if (!(await stat(path)).isFile()) throw new NotARegularFile(path);
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  throw new NotARegularFile(path);
}
