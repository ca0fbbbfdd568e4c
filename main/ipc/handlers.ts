// The main-process side of the IPC contract. Every handler:
//   1. checks the sender: the app's own top-level frame (app://fleetlab, or in dev an
//      explicitly allowed dev-server origin) — anything else is refused, handler not run;
//   2. parses the payload with the channel's zod schema — malformed → refused, handler not run;
//   3. runs, and its response is parsed with the response schema before it leaves main;
//   4. answers with an envelope; errors travel as plain { name, code, message }.
// Electron objects arrive as parameters (type-only imports), so tests pass fakes.
import { constants } from 'node:fs';
import path from 'node:path';
import type { BaseWindow, MessageBoxOptions, MessageBoxReturnValue, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { z } from 'zod';
import {
  APP_ORIGIN,
  CHANNELS,
  MAX_SCENARIO_BYTES,
  MAX_TRACE_BYTES,
  SCHEMAS,
  type ChannelKey,
  type IpcError,
  type IpcErrorCode,
  type IpcResult,
  type OpenedScenario,
  type OpenedTrace,
  type RequestOf,
  type ResponseOf,
} from './contract.js';
import { atomicWriteFile, atomicWriteFiles, type FsLike } from '../atomic-write.js';
import type { RecentFiles } from '../recent-files.js';
import { isAllowedOrigin, isSafeExternalUrl, openExternalGuarded, type ShellLike } from '../security.js';

/** An error with a contract error code; its message is shown to the user. */
export class FleetlabIpcError extends Error {
  override name = 'FleetlabIpcError';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const NODE_ERROR_CODES: Readonly<Record<string, IpcErrorCode>> = {
  ENOENT: 'file-not-found',
  ENOTDIR: 'file-not-found',
  EISDIR: 'not-a-file',
};

/** Any thrown value → the plain `{ name, code, message }` that crosses IPC. */
export function serializeError(error: unknown): IpcError {
  if (error instanceof FleetlabIpcError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) {
    const errno = (error as { code?: unknown }).code;
    if (typeof errno === 'string') {
      return { name: error.name, code: NODE_ERROR_CODES[errno] ?? 'io-error', message: error.message };
    }
    return { name: error.name, code: 'internal', message: error.message };
  }
  return { name: 'Error', code: 'internal', message: String(error) };
}

const fail = (code: IpcErrorCode, message: string): IpcResult<never> => ({
  ok: false,
  error: { name: 'FleetlabIpcError', code, message },
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}

export interface InvokeEventLike {
  senderFrame: { url: string; parent?: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface DialogLike {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BaseWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showMessageBox(window: BaseWindow, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
}

export interface HandlerDeps {
  ipcMain: IpcMainLike;
  dialog: DialogLike;
  shell: ShellLike;
  fs: FsLike;
  app: { getVersion(): string };
  platform: string;
  getMainWindow(): BaseWindow | null;
  recentFiles: RecentFiles;
  /** Origins allowed to call; defaults to [APP_ORIGIN]. Add the dev server's origin in dev only. */
  allowedOrigins?: readonly string[];
  /** Whether a user gesture (click, key press) just happened, consuming it (security.ts createUserGestures). */
  hasUserGesture(): boolean;
}

/** Whether an invoke event comes from an allowed origin's top-level frame. */
export function senderProblem(event: InvokeEventLike | undefined, allowedOrigins: readonly string[]): string | null {
  const frame = event?.senderFrame;
  if (!frame) return 'the sender frame is gone';
  if (frame.parent != null) return `calls are accepted from the top-level frame only (got a subframe at ${frame.url})`;
  if (!isAllowedOrigin(frame.url, allowedOrigins)) return `calls are accepted from the app only (got ${JSON.stringify(frame.url)})`;
  return null;
}

const SCENARIO_FILTERS = [
  { name: 'Scenarios', extensions: ['yaml', 'yml', 'json'] },
  { name: 'All Files', extensions: ['*'] },
];
const TRACE_FILTERS = [
  { name: 'Traces', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'swf', 'parquet', 'gz', 'tar', 'tgz'] },
  { name: 'All Files', extensions: ['*'] },
];

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Read-only, and non-blocking so that opening a FIFO does not wait for a writer (O_NONBLOCK is 0 where it does not exist). */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `maxBytes` through one handle: the handle's own stat must say
 * regular file (so a path swapped for a symlink to /dev/zero or a FIFO after the user picked it
 * is refused), and the cap is enforced while reading (a file that grows is cut off at
 * maxBytes + 1 bytes read and refused), never by trusting the size.
 */
export async function readCapped(fs: FsLike, filePath: string, maxBytes: number, what: string): Promise<Uint8Array> {
  const tooLarge = (size: string) =>
    new FleetlabIpcError('file-too-large', `${what} is too large: ${size}, the limit is ${mib(maxBytes)} (got ${filePath})`);
  const handle = await fs.open(filePath, READ_FLAGS);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FleetlabIpcError('not-a-file', `${what} is not a regular file (got ${filePath})`);
    if (stat.size > maxBytes) throw tooLarge(mib(stat.size));
    let buffer = new Uint8Array(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(`over ${mib(maxBytes)}`);
        const grown = new Uint8Array(Math.min(buffer.length * 2, maxBytes + 1));
        grown.set(buffer);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(`over ${mib(maxBytes)}`);
    return buffer.subarray(0, length);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function decodeUtf8(bytes: Uint8Array, filePath: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FleetlabIpcError('invalid-text', `scenario file is not valid UTF-8 text (got ${filePath})`);
  }
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpcHandlers(deps: HandlerDeps): () => void {
  const allowedOrigins = deps.allowedOrigins ?? [APP_ORIGIN];
  /**
   * Paths the user picked in a dialog this session (Open, Save As): the only paths saveScenario
   * writes without asking. A path from the persisted recent-files list (or the renderer) is not
   * enough: reopening it and saving shows the save dialog once.
   */
  const granted = new Set<string>();

  const exists = async (p: string): Promise<boolean> => {
    try {
      await deps.fs.stat(p);
      return true;
    } catch {
      return false;
    }
  };

  const requireWindow = (): BaseWindow => {
    const win = deps.getMainWindow();
    if (!win) throw new FleetlabIpcError('no-window', 'there is no application window to attach the dialog to');
    return win;
  };

  const readScenario = async (filePath: string): Promise<OpenedScenario> => {
    const bytes = await readCapped(deps.fs, filePath, MAX_SCENARIO_BYTES, 'scenario file');
    const text = decodeUtf8(bytes, filePath);
    await deps.recentFiles.add(filePath);
    return { path: filePath, name: path.basename(filePath), text };
  };

  const handlers: { [K in ChannelKey]: (request: RequestOf<K>) => Promise<ResponseOf<K>> } = {
    async openScenario() {
      const result = await deps.dialog.showOpenDialog(requireWindow(), {
        title: 'Open Scenario',
        properties: ['openFile'],
        filters: SCENARIO_FILTERS,
      });
      const picked = result.filePaths[0];
      if (result.canceled || !picked) return null;
      const opened = await readScenario(picked);
      granted.add(picked);
      return opened;
    },

    async openTrace(): Promise<OpenedTrace | null> {
      const result = await deps.dialog.showOpenDialog(requireWindow(), {
        title: 'Open Trace',
        properties: ['openFile'],
        filters: TRACE_FILTERS,
      });
      const picked = result.filePaths[0];
      if (result.canceled || !picked) return null;
      const data = await readCapped(deps.fs, picked, MAX_TRACE_BYTES, 'trace file');
      // A plain Uint8Array view (a Buffer would also clone, but keep the contract's type exact).
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      return { path: picked, name: path.basename(picked), bytes };
    },

    async openRecent({ path: filePath }) {
      if (!(await deps.recentFiles.has(filePath))) {
        throw new FleetlabIpcError('not-allowed', `only files in the recent list can be reopened (got ${filePath})`);
      }
      try {
        return await readScenario(filePath);
      } catch (error) {
        if (serializeError(error).code === 'file-not-found') await deps.recentFiles.remove(filePath);
        throw error;
      }
    },

    async saveScenario({ suggestedName, text, path: requested }) {
      const size = new TextEncoder().encode(text).byteLength;
      if (size > MAX_SCENARIO_BYTES) {
        throw new FleetlabIpcError('file-too-large', `scenario is too large to save: ${mib(size)}, the limit is ${mib(MAX_SCENARIO_BYTES)}`);
      }
      let target: string | undefined;
      if (requested && path.isAbsolute(requested) && granted.has(requested)) {
        target = requested;
      } else {
        const result = await deps.dialog.showSaveDialog(requireWindow(), {
          title: 'Save Scenario',
          defaultPath: requested ?? suggestedName,
          filters: SCENARIO_FILTERS,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        if (result.canceled || !result.filePath) return null;
        target = result.filePath;
      }
      await atomicWriteFile(deps.fs, target, text);
      granted.add(target);
      await deps.recentFiles.add(target);
      return { path: target };
    },

    async exportResults({ suggestedDir, files }) {
      const result = await deps.dialog.showOpenDialog(requireWindow(), {
        title: 'Export Results',
        buttonLabel: 'Export',
        ...(suggestedDir ? { defaultPath: suggestedDir } : {}),
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      });
      const dir = result.filePaths[0];
      if (result.canceled || !dir) return null;
      const existing: string[] = [];
      for (const f of files) if (await exists(path.join(dir, f.name))) existing.push(f.name);
      if (existing.length > 0) {
        const answer = await deps.dialog.showMessageBox(requireWindow(), {
          type: 'warning',
          title: 'Export Results',
          message: existing.length === 1 ? `${existing[0]} already exists in ${dir}. Replace it?` : `${existing.length} files already exist in ${dir}. Replace them?`,
          detail: existing.join('\n'),
          buttons: ['Replace', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
        });
        if (answer.response !== 0) return null;
      }
      await deps.fs.mkdir(dir, { recursive: true });
      await atomicWriteFiles(
        deps.fs,
        files.map((f) => ({ path: path.join(dir, f.name), data: f.text })),
      );
      return { dir };
    },

    async recentList() {
      return deps.recentFiles.list();
    },

    async openExternal({ url }) {
      // Only right after a click or key press main saw: a page cannot open links on its own.
      if (!isSafeExternalUrl(url) || !deps.hasUserGesture()) return false;
      return openExternalGuarded(deps.shell, url);
    },

    async appInfo() {
      return { version: deps.app.getVersion(), platform: deps.platform };
    },
  };

  const register = <K extends ChannelKey>(key: K): void => {
    const channel = CHANNELS[key];
    const schemas = SCHEMAS[key];
    const impl = handlers[key] as (request: unknown) => Promise<unknown>;
    deps.ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
      const problem = senderProblem(event, allowedOrigins);
      if (problem) return fail('forbidden-sender', `${channel}: ${problem}`);
      if (args.length > 1) return fail('invalid-payload', `${channel}: expected at most one argument (got ${args.length})`);
      const request = schemas.request.safeParse(args[0]);
      if (!request.success) return fail('invalid-payload', `${channel}: ${describeIssues(request.error)}`);
      let value: unknown;
      try {
        value = await impl(request.data);
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
      const response = schemas.response.safeParse(value);
      if (!response.success) return fail('invalid-response', `${channel}: ${describeIssues(response.error)}`);
      return { ok: true, value: response.data };
    });
  };

  const keys = Object.keys(CHANNELS) as ChannelKey[];
  for (const key of keys) register(key);
  return () => {
    for (const key of keys) deps.ipcMain.removeHandler(CHANNELS[key]);
  };
}
