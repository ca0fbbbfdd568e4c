/**
 * Host helpers for the CLI: hashing, and the output set — the files `run --out DIR` writes,
 * published together or not at all.
 *
 * An output set is a fresh private folder inside DIR (`.fleetlab-<16 random hex>.tmp`, made with
 * mkdir, which fails rather than reuse or follow anything already there; mode 0700), holding one
 * temporary file per output, each created with O_EXCL (`wx`). Every write error, a full disk, an
 * interrupt (SIGINT → exit 130, SIGTERM → exit 143) or any other failure removes that folder, so
 * DIR keeps its previous files as they were. `commit()` flushes (fsync) and closes every file, then
 * renames them out of the folder into DIR one after the other — synchronously, so no signal handler
 * can run between two renames — with results.json last, fsyncs DIR and removes the empty folder.
 * Renames are sequential: only a crash (power loss, SIGKILL) in the microseconds between two of
 * them can leave new CSVs beside the old results.json (never a new results.json beside old CSVs,
 * never a truncated file); a SIGKILL before the renames can leave the `.fleetlab-*.tmp` folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BadInput } from './common.js';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Output sets of this process not yet committed or discarded: removed if the process is interrupted. */
const pending = new Set<OutputSet>();
let handlersInstalled = false;

function discardPendingAndExit(signal: NodeJS.Signals): void {
  for (const set of [...pending]) set.discard();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Ctrl-C (exit 130) and SIGTERM (143) end the process cleanly, removing any output set not yet committed: every run installs it, with or without --out. */
export function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('SIGINT', discardPendingAndExit);
  process.once('SIGTERM', discardPendingAndExit);
}

const REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a file is in the way (not a directory)',
  EEXIST: 'a file is in the way (not a directory)',
  EISDIR: 'a directory is in the way',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large (over the file size limit)',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/** An output problem as bad input (exit 2): `PATH: cannot ACTION: reason (CODE)[; the previous files are kept] (got --out VALUE)`. */
function outputProblem(shownPath: string, action: string, e: unknown, outArg: string, kept: boolean): BadInput {
  const code = (e as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? `${REASONS[code] ?? (e as Error).message} (${code})` : e instanceof Error ? e.message : String(e);
  return new BadInput([`${shownPath}: cannot ${action}: ${reason}${kept ? `; the previous files in ${outArg} are kept` : ''} (got --out ${JSON.stringify(outArg)})`]);
}

/** Writes a whole string to a file descriptor (writeSync may write less than asked). */
function writeAll(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8');
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** One turn of the event loop (its poll phase delivers pending signals). */
const turn = () => new Promise<void>((r) => setImmediate(r));

interface TempFile {
  name: string;
  fd: number | null;
}

/**
 * The files of one `--out DIR` (see the module comment). `open` is the pre-flight: it creates DIR
 * (mkdir -p) and the private folder, and checks that no target name is taken by a directory, so a
 * bad `--out` fails before the run with exit 2. Each problem is a `BadInput` naming the path.
 */
export class OutputSet {
  private readonly tmpDir: string;
  private readonly files = new Map<string, TempFile>();
  private state: 'open' | 'committed' | 'discarded' = 'open';

  private constructor(
    /** `--out` as given (paths in messages are shown under it). */
    readonly outArg: string,
    readonly dir: string,
    tmpDir: string,
  ) {
    this.tmpDir = tmpDir;
  }

  /** Opens the set for `names` (the files commit will publish, in that order). */
  static open(outArg: string, names: readonly string[]): OutputSet {
    if (outArg.trim() === '') throw new BadInput([`--out: the output folder must not be empty (got --out ${JSON.stringify(outArg)})`]);
    const dir = resolve(outArg);
    try {
      mkdirSync(dir, { recursive: true });
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (e) {
      throw outputProblem(outArg, 'create the output folder', e, outArg, false);
    }
    for (const name of names) {
      let taken = false;
      try {
        taken = lstatSync(join(dir, name), { throwIfNoEntry: false })?.isDirectory() ?? false;
      } catch (e) {
        throw outputProblem(join(outArg, name), 'replace it', e, outArg, true);
      }
      if (taken) throw outputProblem(join(outArg, name), 'replace it', Object.assign(new Error('is a directory'), { code: 'EISDIR' }), outArg, true);
    }
    let tmpDir = '';
    for (let attempt = 0; ; attempt++) {
      tmpDir = join(dir, `.fleetlab-${randomBytes(8).toString('hex')}.tmp`);
      try {
        mkdirSync(tmpDir, { mode: 0o700 });
        break;
      } catch (e) {
        if ((e as { code?: unknown }).code === 'EEXIST' && attempt < 4) continue;
        throw outputProblem(outArg, 'write in the output folder', e, outArg, true);
      }
    }
    const set = new OutputSet(outArg, dir, tmpDir);
    pending.add(set);
    installInterruptHandlers();
    return set;
  }

  private create(name: string): TempFile {
    if (this.state !== 'open') throw new Error(`output set: ${name} opened after the set was ${this.state}`);
    if (this.files.has(name)) throw new Error(`output set: ${name} opened twice`);
    const file: TempFile = { name, fd: null };
    this.files.set(name, file);
    file.fd = this.guard(name, 'write', () => openSync(join(this.tmpDir, name), 'wx', 0o666));
    return file;
  }

  /** Runs `op`; any error discards the set and becomes a BadInput naming `name`. */
  private guard<T>(name: string, action: string, op: () => T): T {
    try {
      return op();
    } catch (e) {
      this.discard();
      throw outputProblem(join(this.outArg, name), action, e, this.outArg, true);
    }
  }

  /** A file written as the run goes (jobs.csv): returns its `write(chunk)`. */
  stream(name: string): (chunk: string) => void {
    const file = this.create(name);
    return (chunk) => {
      if (file.fd === null) throw new Error(`output set: ${name} written after it was closed`);
      this.guard(name, 'write', () => writeAll(file.fd!, chunk));
    };
  }

  /** A file written from chunks, yielding to the event loop now and then (an interrupt is handled between chunks). */
  async write(name: string, chunks: Iterable<string>): Promise<void> {
    const file = this.create(name);
    let since = 0;
    for (const chunk of chunks) {
      if (file.fd === null) return; // discarded while yielding
      this.guard(name, 'write', () => writeAll(file.fd!, chunk));
      since += chunk.length;
      if (since >= 4 << 20) {
        since = 0;
        await turn();
      }
    }
  }

  /**
   * Flushes, closes and renames every file into the folder (in the order opened), results.json
   * last; then removes the private folder. The event loop runs once before (an interrupt that came
   * during a long synchronous stretch of the run is handled then: the set is discarded) and once
   * after (an interrupt during the commit exits 130/143 with the new set in place).
   */
  async commit(): Promise<void> {
    await turn();
    if (this.state !== 'open') throw new Error(`output set: committed after it was ${this.state}`);
    this.commitNow();
    await turn();
  }

  private commitNow(): void {
    const order = [...this.files.values()].sort((a, b) => Number(a.name === 'results.json') - Number(b.name === 'results.json'));
    for (const f of order) {
      this.guard(f.name, 'write', () => {
        fsyncSync(f.fd!);
        closeSync(f.fd!);
        f.fd = null;
      });
    }
    const renamed: string[] = [];
    for (const f of order) {
      try {
        renameSync(join(this.tmpDir, f.name), join(this.dir, f.name));
        renamed.push(f.name);
      } catch (e) {
        this.discard();
        const done = renamed.length ? `; already replaced: ${renamed.join(', ')}` : '';
        throw new BadInput([`${join(this.outArg, f.name)}: cannot replace it: ${(e as Error).message}${done} (got --out ${JSON.stringify(this.outArg)})`]);
      }
    }
    this.state = 'committed';
    pending.delete(this);
    try {
      rmdirSync(this.tmpDir);
      const fd = openSync(this.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Directories cannot be fsynced everywhere (Windows); the renames are done either way (an
      // empty private folder left behind is harmless).
    }
  }

  /** Closes and removes every temporary file and the private folder; DIR is left as it was. Idempotent. */
  discard(): void {
    if (this.state !== 'open') return;
    this.state = 'discarded';
    pending.delete(this);
    for (const f of this.files.values()) {
      if (f.fd !== null) {
        try {
          closeSync(f.fd);
        } catch {
          // already closed
        }
        f.fd = null;
      }
    }
    rmSync(this.tmpDir, { recursive: true, force: true });
  }
}
