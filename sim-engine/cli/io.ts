/** Host helpers for the CLI: atomic file writes, hashing. */
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Temporary files of this process still open: removed if the process is interrupted (SIGINT, SIGTERM). */
const pending = new Set<string>();
let handlersInstalled = false;

function removePendingAndExit(signal: NodeJS.Signals): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Remove `tmp` if the process is interrupted before it is renamed (then `pending.delete` it). */
function track(tmp: string): void {
  pending.add(tmp);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.once('SIGINT', removePendingAndExit);
    process.once('SIGTERM', removePendingAndExit);
  }
}

/**
 * A file written while a run goes (jobs.csv of a streamed run): chunks go to a temporary file
 * in the same folder, renamed over the target by `commit()`. `discard()`, an error or an
 * interrupt (SIGINT, SIGTERM) removes the temporary file, so no partial output is ever left.
 */
export class StreamedFile {
  private readonly tmp: string;
  private fd: number | null;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.tmp-${process.pid}`;
    track(this.tmp);
    this.fd = openSync(this.tmp, 'w');
  }

  write(chunk: string): void {
    if (this.fd === null) throw new Error(`${this.path}: written after it was closed`);
    writeSync(this.fd, chunk);
  }

  commit(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tmp, this.path);
    pending.delete(this.tmp);
  }

  discard(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tmp, { force: true });
    pending.delete(this.tmp);
  }
}

/** Write a file atomically from chunks: a temp file in the same folder, then rename. */
export async function writeFileAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  track(tmp);
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
  } finally {
    pending.delete(tmp);
  }
}
