import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A file written whole or not at all: the content goes to a temporary file beside the target
 * (same folder, so same file system), is flushed to disk, then renamed over the target in one
 * step, so a reader (an upload job) never sees half a file. `open` first, `commit` when the
 * content is known: the folder is proven writable before anything else is done.
 */
export async function openAtomicFile(target: string): Promise<{ commit(content: string): Promise<void>; abandon(): Promise<void> }> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle: FileHandle = await open(temp, 'wx', 0o644);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    async commit(content) {
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
        await close();
        await rename(temp, target);
      } catch (error) {
        await close().catch(() => undefined);
        await rm(temp, { force: true });
        throw error;
      }
    },
    async abandon() {
      await close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}
