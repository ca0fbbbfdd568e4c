// Atomic file writes: write a temporary file next to the target, then rename it over the
// target, so a reader (or a crash) never sees a half-written file (DESIGN.md §7).
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** An open file (node:fs/promises FileHandle): what main reads user files through. */
export interface FileHandleLike {
  stat(): Promise<{ size: number; isFile(): boolean }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** The subset of node:fs/promises main uses; tests pass an in-memory fake. */
export interface FsLike {
  /** `flags` is a number (O_RDONLY | O_NONBLOCK): opening a FIFO must not wait for a writer. */
  open(path: string, flags: number): Promise<FileHandleLike>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
  /** `flag: 'wx'`: create the file, failing (EEXIST) if anything — a planted symlink included — is there. */
  writeFile(path: string, data: string | Uint8Array, options?: { flush?: boolean; flag?: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options?: { force?: boolean }): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

/**
 * A temp name in the target's own directory (rename is only atomic within one filesystem),
 * unpredictable (16 random hex digits from crypto) and created exclusively (`wx`), so nothing
 * planted at a guessed name is ever written through.
 */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Writes `data` to `target` atomically; the temp file is removed if anything fails. */
export async function atomicWriteFile(fs: FsLike, target: string, data: string | Uint8Array): Promise<void> {
  await atomicWriteFiles(fs, [{ path: target, data }]);
}

/**
 * Writes several files so that either all of them are updated or, if any write fails,
 * none of the targets is touched: every temp file is written (and flushed) first, then
 * all are renamed. (A crash between two renames can still leave a mix of old and new
 * complete files, but never a truncated one.)
 */
export async function atomicWriteFiles(fs: FsLike, files: readonly { path: string; data: string | Uint8Array }[]): Promise<void> {
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const temp = tempPathFor(file.path);
      try {
        await fs.writeFile(temp, file.data, { flush: true, flag: 'wx' });
      } catch (error) {
        // EEXIST: something else is at that name — not ours to remove.
        if ((error as { code?: unknown }).code !== 'EEXIST') temps.push({ temp, target: file.path });
        throw error;
      }
      temps.push({ temp, target: file.path });
    }
    for (const { temp, target } of temps) await fs.rename(temp, target);
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => fs.rm(temp, { force: true }).catch(() => undefined)));
    throw error;
  }
}
