/** Host helpers for the CLI: atomic file writes, hashing, locating built-in scenarios. */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The repository's (or installed package's) scenarios/ folder. */
export function scenariosDir(): string {
  // dist/sim-engine/cli/io.js → ../../../scenarios ; sim-engine/cli/io.ts (tests) → ../../scenarios
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../scenarios', '../../scenarios']) {
    const dir = resolve(here, up);
    if (existsSync(join(dir, 'default.yaml'))) return dir;
  }
  return resolve(here, '../../../scenarios');
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
