/** Host helpers for the CLI: atomic file writes, hashing. */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Write a file atomically from chunks: a temp file in the same folder, then rename. */
export async function writeFileAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await new Promise<void>((res, rej) => {
      const out = createWriteStream(tmp);
      out.on('error', rej);
      const it = chunks[Symbol.iterator]();
      const pump = (): void => {
        for (;;) {
          const n = it.next();
          if (n.done) {
            out.end(() => res());
            return;
          }
          if (!out.write(n.value)) {
            out.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
