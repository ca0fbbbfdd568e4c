/**
 * Opening input files in the CLI (scenarios, traces, spot histories): only regular files are
 * read. One handle, opened read-only and non-blocking (opening a FIFO would otherwise wait for a
 * writer), then the handle's own `fstat` must say regular file — a directory, a character device
 * (`/dev/zero`, `/dev/urandom`), a FIFO, a socket or a block device is refused unread. Whole-file
 * reads are capped (`MAX_SCENARIO_BYTES` for scenarios and spot histories), and the cap is
 * enforced while reading (a file that grows is cut off at cap + 1 bytes), not taken from the stat.
 * Nothing here throws: failures are `{ code, message }`, the message ending with the path.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Scenario files and spot histories larger than this are refused (16 MiB, as in the app). */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

/** Read-only and non-blocking (O_NONBLOCK is 0 where it does not exist). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type FileProblem = { ok: false; code: 'file-not-found' | 'not-a-file' | 'read-error' | 'file-too-large'; message: string };
export type OpenedFile = { ok: true; fd: number; size: number; mtimeMs: number } | FileProblem;

/** What kind of non-regular file `st` is, in words. */
export function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

const limitText = (n: number) => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`);

/**
 * Opens `path` if it is a regular file. `what` names it in messages (`trace file`, `scenario`).
 * Messages end with `shown` (default: `path`). The caller closes `fd` (`closeSync`).
 */
export function openRegularFile(path: string, what: string, shown = path): OpenedFile {
  let fd = -1;
  try {
    fd = openSync(path, READ_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      return { ok: false, code: 'not-a-file', message: `${what} is not a regular file (${fileKind(st)}) (got ${shown})` };
    }
    return { ok: true, fd, size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { ok: false, code: 'file-not-found', message: `cannot read ${what}: no such file (got ${shown})` };
    if (err.code === 'EISDIR') return { ok: false, code: 'not-a-file', message: `${what} is not a regular file (a directory) (got ${shown})` };
    return { ok: false, code: 'read-error', message: `cannot read ${what}: ${err.code ?? err.message} (got ${shown})` };
  }
}

/** Reads a whole regular file of at most `maxBytes` bytes. */
export function readRegularFile(path: string, what: string, shown = path, maxBytes = MAX_SCENARIO_BYTES): { ok: true; bytes: Buffer } | FileProblem {
  const f = openRegularFile(path, what, shown);
  if (!f.ok) return f;
  const tooLarge = (size: string): FileProblem => ({ ok: false, code: 'file-too-large', message: `${what} is too large: ${size}, the limit is ${limitText(maxBytes)} (got ${shown})` });
  try {
    if (f.size > maxBytes) return tooLarge(`${f.size} bytes`);
    let buf = Buffer.allocUnsafe(Math.min(f.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) return tooLarge(`over ${maxBytes} bytes`);
        const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(grown, 0, 0, length);
        buf = grown;
      }
      const n = readSync(f.fd, buf, length, buf.length - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooLarge(`over ${maxBytes} bytes`);
    return { ok: true, bytes: buf.subarray(0, length) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, code: 'read-error', message: `cannot read ${what}: ${err.code ?? err.message} (got ${shown})` };
  } finally {
    closeSync(f.fd);
  }
}
