// The recent-files store: up to MAX_RECENT_FILES scenario paths, most recent first,
// deduplicated, kept as JSON in the userData directory and written atomically.
import path from 'node:path';
import { MAX_RECENT_FILES } from './ipc/contract.js';
import { atomicWriteFile, type FsLike } from './atomic-write.js';

export interface RecentFiles {
  /** Most recent first. */
  list(): Promise<string[]>;
  has(filePath: string): Promise<boolean>;
  /** Moves `filePath` to the front (adding it if new) and persists. */
  add(filePath: string): Promise<string[]>;
  remove(filePath: string): Promise<string[]>;
  clear(): Promise<void>;
}

export interface RecentFilesOptions {
  fs: FsLike;
  /** The JSON file, e.g. `<userData>/recent-files.json`. */
  file: string;
  max?: number;
  /** Called after every change with the new list (main rebuilds the menu). */
  onChange?: (paths: string[]) => void;
}

const sameFile = (a: string, b: string): boolean =>
  process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;

/** Parses the stored JSON; anything malformed reads as an empty list (the store is a convenience, not data). */
export function parseRecentJson(text: string, max = MAX_RECENT_FILES): string[] {
  try {
    const doc: unknown = JSON.parse(text);
    const paths = (doc as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(paths)) return [];
    const out: string[] = [];
    for (const p of paths) {
      if (typeof p !== 'string' || p.length === 0 || p.includes('\0') || !path.isAbsolute(p)) continue;
      if (!out.some((q) => sameFile(q, p))) out.push(p);
      if (out.length >= max) break;
    }
    return out;
  } catch {
    return [];
  }
}

export function createRecentFiles(options: RecentFilesOptions): RecentFiles {
  const max = options.max ?? MAX_RECENT_FILES;
  let cache: string[] | null = null;
  // Serialize all operations so concurrent adds never interleave their writes.
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op);
    queue = next.catch(() => undefined);
    return next;
  };

  const load = async (): Promise<string[]> => {
    if (cache) return cache;
    try {
      const bytes = await options.fs.readFile(options.file);
      cache = parseRecentJson(new TextDecoder().decode(bytes), max);
    } catch {
      cache = [];
    }
    return cache;
  };

  const save = async (paths: string[]): Promise<string[]> => {
    cache = paths;
    await options.fs.mkdir(path.dirname(options.file), { recursive: true });
    await atomicWriteFile(options.fs, options.file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
    options.onChange?.([...paths]);
    return [...paths];
  };

  return {
    list: () => run(async () => [...(await load())]),
    has: (filePath) => run(async () => (await load()).some((p) => sameFile(p, filePath))),
    add: (filePath) =>
      run(async () => {
        const current = await load();
        return save([filePath, ...current.filter((p) => !sameFile(p, filePath))].slice(0, max));
      }),
    remove: (filePath) => run(async () => save((await load()).filter((p) => !sameFile(p, filePath)))),
    clear: () => run(async () => void (await save([]))),
  };
}
