// Test doubles for the Electron shell: an in-memory filesystem and a capturing ipcMain.
import path from 'node:path';
import type { FsLike } from '../../main/atomic-write.js';
import type { InvokeEventLike, IpcMainLike } from '../../main/ipc/handlers.js';

const enc = new TextEncoder();

function errno(code: string, syscall: string, p: string): Error {
  return Object.assign(new Error(`${code}: ${syscall} '${p}'`), { code, syscall, path: p });
}

/**
 * Paths that are not what a path stat says: `zero` opens as an endless character device (a symlink
 * to /dev/zero swapped in after the user picked the file), `growing` as a regular file whose stat
 * says 10 bytes but which never ends (a file growing while it is read).
 */
export type Special = 'zero' | 'growing';

export interface MemFs extends FsLike {
  files: Map<string, Uint8Array>;
  dirs: Set<string>;
  specials: Map<string, Special>;
  /** Bytes handed out by handle reads, and handles not closed yet. */
  bytesRead: number;
  openHandles: number;
  ops: string[];
  /** Make the next matching operation fail. */
  failOn: ((op: 'writeFile' | 'rename', p: string) => boolean) | null;
  text(p: string): string | undefined;
}

export function memFs(initial: Record<string, string | Uint8Array> = {}): MemFs {
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>(['/']);
  const addDirs = (p: string) => {
    for (let d = path.dirname(p); !dirs.has(d); d = path.dirname(d)) dirs.add(d);
  };
  for (const [p, v] of Object.entries(initial)) {
    files.set(p, typeof v === 'string' ? enc.encode(v) : v);
    addDirs(p);
  }
  const specials = new Map<string, Special>();
  const fs: MemFs = {
    files,
    dirs,
    specials,
    bytesRead: 0,
    openHandles: 0,
    ops: [],
    failOn: null,
    text: (p) => {
      const b = files.get(p);
      return b && new TextDecoder().decode(b);
    },
    async open(p) {
      fs.ops.push(`open ${p}`);
      const special = specials.get(p);
      const f = files.get(p);
      if (!special && !f && !dirs.has(p)) throw errno('ENOENT', 'open', p);
      fs.openHandles++;
      let closed = false;
      return {
        async stat() {
          if (special === 'zero') return { size: 0, isFile: () => false };
          if (special === 'growing') return { size: 10, isFile: () => true };
          return f ? { size: f.byteLength, isFile: () => true } : { size: 0, isFile: () => false };
        },
        async read(buffer, offset, length, position) {
          if (closed) throw errno('EBADF', 'read', p);
          if (!special && !f) throw errno('EISDIR', 'read', p);
          const n = special ? Math.min(length, 4096) : Math.max(0, Math.min(length, f!.byteLength - position));
          if (special) buffer.fill(special === 'zero' ? 0 : 120, offset, offset + n);
          else buffer.set(f!.subarray(position, position + n), offset);
          fs.bytesRead += n;
          return { bytesRead: n };
        },
        async close() {
          if (!closed) fs.openHandles--;
          closed = true;
        },
      };
    },
    async stat(p) {
      fs.ops.push(`stat ${p}`);
      if (specials.has(p)) return { size: 10, isFile: () => true }; // what a path stat before the swap saw
      const f = files.get(p);
      if (f) return { size: f.byteLength, isFile: () => true };
      if (dirs.has(p)) return { size: 0, isFile: () => false };
      throw errno('ENOENT', 'stat', p);
    },
    async readFile(p) {
      fs.ops.push(`readFile ${p}`);
      const f = files.get(p);
      if (f) return f;
      if (dirs.has(p)) throw errno('EISDIR', 'read', p);
      throw errno('ENOENT', 'open', p);
    },
    async writeFile(p, data, options) {
      fs.ops.push(`writeFile ${p}`);
      if (!dirs.has(path.dirname(p))) throw errno('ENOENT', 'open', p);
      if (options?.flag === 'wx' && (files.has(p) || dirs.has(p) || specials.has(p))) throw errno('EEXIST', 'open', p);
      if (fs.failOn?.('writeFile', p)) throw errno('ENOSPC', 'write', p);
      files.set(p, typeof data === 'string' ? enc.encode(data) : data);
    },
    async rename(from, to) {
      fs.ops.push(`rename ${from} -> ${to}`);
      if (fs.failOn?.('rename', to)) throw errno('EXDEV', 'rename', from);
      const f = files.get(from);
      if (!f) throw errno('ENOENT', 'rename', from);
      files.delete(from);
      files.set(to, f);
    },
    async rm(p) {
      fs.ops.push(`rm ${p}`);
      files.delete(p);
    },
    async mkdir(p) {
      fs.ops.push(`mkdir ${p}`);
      dirs.add(p);
      addDirs(p);
      return undefined;
    },
  };
  return fs;
}

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export interface FakeIpcMain extends IpcMainLike {
  handlers: Map<string, Listener>;
  /** Invoke a channel as if from a frame at `url`. */
  invoke(channel: string, url: string | null, ...args: unknown[]): Promise<any>;
}

export function fakeIpcMain(): FakeIpcMain {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
    invoke(channel, url, ...args) {
      const h = handlers.get(channel);
      if (!h) throw new Error(`no handler for ${channel}`);
      return h({ senderFrame: url === null ? null : { url, parent: null } }, ...args);
    },
  };
}
