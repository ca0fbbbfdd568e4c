// The IPC contract between the Electron main process, the preload and the renderer.
//
// This file is the ONLY thing preload and renderer may import from main/ (lint-enforced),
// and it must never import electron. Every request is parsed in main with the schemas
// below before a handler runs; every response is parsed in main before it is sent.
//
// Calls travel as `ipcRenderer.invoke(channel, payload)`; main answers with an
// envelope (`{ ok: true, value }` or `{ ok: false, error }`), and the preload turns a
// failed envelope into a rejected promise whose reason is a plain `{ name, code, message }`
// object (Error instances lose their custom properties when crossing the context bridge).
import { z } from 'zod';

/** Origin of the packaged renderer, served by the `app://` protocol (main/protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fleetlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Renderer → main request/response channels, `fleetlab:<domain>/<verb-noun>`. */
export const CHANNELS = {
  openScenario: 'fleetlab:file/open-scenario',
  openTrace: 'fleetlab:file/open-trace',
  openRecent: 'fleetlab:file/open-recent',
  saveScenario: 'fleetlab:file/save-scenario',
  exportResults: 'fleetlab:file/export-results',
  recentList: 'fleetlab:file/recent-list',
  openExternal: 'fleetlab:app/open-external',
  appInfo: 'fleetlab:app/info',
} as const;
export type ChannelKey = keyof typeof CHANNELS;
export type Channel = (typeof CHANNELS)[ChannelKey];

/** Main → renderer event channels. */
export const EVENTS = {
  menuCommand: 'fleetlab:menu/command',
  openRecent: 'fleetlab:menu/open-recent',
} as const;
export type EventChannel = (typeof EVENTS)[keyof typeof EVENTS];

// ---------------------------------------------------------------------------------------
// Limits

const MiB = 1024 * 1024;
/** Largest scenario file main will read or write (YAML/JSON text). */
export const MAX_SCENARIO_BYTES = 16 * MiB;
/** Largest trace file main will read and hand over as bytes. */
export const MAX_TRACE_BYTES = 512 * MiB;
/** Largest single export file (results.json, series.csv, jobs.csv) accepted over IPC. */
export const MAX_EXPORT_FILE_CHARS = 256 * MiB;
/** How many recent files are remembered. */
export const MAX_RECENT_FILES = 10;
export const MAX_PATH_CHARS = 4096;
export const MAX_URL_CHARS = 2048;

// ---------------------------------------------------------------------------------------
// Errors

export const IPC_ERROR_CODES = [
  'forbidden-sender', // the call did not come from the app's own top-level frame
  'invalid-payload', // the request did not match its schema
  'invalid-response', // main produced a response that does not match its schema (a bug)
  'file-too-large',
  'file-not-found',
  'not-a-file',
  'invalid-text', // a scenario file that is not valid UTF-8
  'not-allowed', // e.g. opening a "recent" path that is not in the recent list
  'no-window',
  'io-error',
  'internal',
] as const;
export const IpcErrorCodeSchema = z.enum(IPC_ERROR_CODES);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

/** How every error crosses IPC: a plain object, never an Error instance. */
export const IpcErrorSchema = z.object({
  name: z.string(),
  code: IpcErrorCodeSchema,
  message: z.string(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export function isIpcError(value: unknown): value is IpcError {
  return IpcErrorSchema.safeParse(value).success;
}

/** The envelope main returns from every handler. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
export const IpcResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);

// ---------------------------------------------------------------------------------------
// Shared shapes

const FilePath = z.string().min(1).max(MAX_PATH_CHARS).refine((p) => !p.includes('\0'), 'path must not contain NUL');

/** A bare file name: no directory part, no NUL, not `.`/`..`. */
const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'must be a bare file name');

export const OpenedScenarioSchema = z.object({ path: z.string(), name: z.string(), text: z.string() });
export type OpenedScenario = z.infer<typeof OpenedScenarioSchema>;

const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array');
export const OpenedTraceSchema = z.object({ path: z.string(), name: z.string(), bytes: Bytes });
export type OpenedTrace = z.infer<typeof OpenedTraceSchema>;

export const EXPORT_FILE_NAMES = ['results.json', 'series.csv', 'jobs.csv', 'decisions.csv'] as const;
export const ExportFileNameSchema = z.enum(EXPORT_FILE_NAMES);
export type ExportFileName = z.infer<typeof ExportFileNameSchema>;

// ---------------------------------------------------------------------------------------
// Requests and responses, one pair per channel

const NoPayload = z.undefined();

export const SaveScenarioRequestSchema = z.strictObject({
  suggestedName: FileName,
  text: z.string().max(MAX_SCENARIO_BYTES),
  /** Save straight to this path. Honoured only for paths the user chose in a dialog
   *  or that are in the recent list; anything else falls back to the save dialog. */
  path: FilePath.optional(),
});
export type SaveScenarioRequest = z.infer<typeof SaveScenarioRequestSchema>;

export const ExportResultsRequestSchema = z
  .strictObject({
    suggestedDir: FilePath.optional(),
    files: z
      .array(z.strictObject({ name: ExportFileNameSchema, text: z.string().max(MAX_EXPORT_FILE_CHARS) }))
      .min(1)
      .max(EXPORT_FILE_NAMES.length),
  })
  .refine((r) => new Set(r.files.map((f) => f.name)).size === r.files.length, {
    message: 'each export file name may appear only once',
    path: ['files'],
  });
export type ExportResultsRequest = z.infer<typeof ExportResultsRequestSchema>;

export const OpenRecentRequestSchema = z.strictObject({ path: FilePath });
export type OpenRecentRequest = z.infer<typeof OpenRecentRequestSchema>;

export const OpenExternalRequestSchema = z.strictObject({ url: z.string().min(1).max(MAX_URL_CHARS) });
export type OpenExternalRequest = z.infer<typeof OpenExternalRequestSchema>;

export const AppInfoSchema = z.object({ version: z.string(), platform: z.string() });
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Request and response schema for every channel: the single source of truth. */
export const SCHEMAS = {
  openScenario: { request: NoPayload, response: OpenedScenarioSchema.nullable() },
  openTrace: { request: NoPayload, response: OpenedTraceSchema.nullable() },
  openRecent: { request: OpenRecentRequestSchema, response: OpenedScenarioSchema.nullable() },
  saveScenario: { request: SaveScenarioRequestSchema, response: z.object({ path: z.string() }).nullable() },
  exportResults: { request: ExportResultsRequestSchema, response: z.object({ dir: z.string() }).nullable() },
  recentList: { request: NoPayload, response: z.array(z.string()).max(MAX_RECENT_FILES) },
  openExternal: { request: OpenExternalRequestSchema, response: z.boolean() },
  appInfo: { request: NoPayload, response: AppInfoSchema },
} as const satisfies Record<ChannelKey, { request: z.ZodType; response: z.ZodType }>;

export type RequestOf<K extends ChannelKey> = z.infer<(typeof SCHEMAS)[K]['request']>;
export type ResponseOf<K extends ChannelKey> = z.infer<(typeof SCHEMAS)[K]['response']>;

// ---------------------------------------------------------------------------------------
// Menu commands (main → renderer)

export const MENU_COMMANDS = [
  'open-scenario',
  'open-trace',
  'save-scenario',
  'export-results',
  'run-all',
  'cancel-run',
  'toggle-theme',
  /** Undo/redo: when focus is in an editable field the renderer should apply the native
   *  text undo (`document.execCommand('undo')`), otherwise its own scenario undo. */
  'undo',
  'redo',
] as const;
export const MenuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

export const OpenRecentEventSchema = z.strictObject({ path: FilePath });

// ---------------------------------------------------------------------------------------
// The API the preload exposes as `window.fleetlab`. Named functions only: no generic invoke.

export interface FleetlabApi {
  /** Native open dialog for a scenario (YAML/JSON); null when cancelled. */
  openScenario(): Promise<OpenedScenario | null>;
  /** Native open dialog for a trace; bytes are handed over raw (decompression is the worker's job). */
  openTrace(): Promise<OpenedTrace | null>;
  /** Re-open a scenario from the recent list (rejected with `not-allowed` for other paths). */
  openRecent(path: string): Promise<OpenedScenario | null>;
  saveScenario(request: SaveScenarioRequest): Promise<{ path: string } | null>;
  /** Directory picker, then writes every file atomically; null when cancelled. */
  exportResults(request: ExportResultsRequest): Promise<{ dir: string } | null>;
  recentFiles(): Promise<string[]>;
  /** Opens an https: URL in the system browser; false when the URL was refused. */
  openExternal(url: string): Promise<boolean>;
  appInfo(): Promise<AppInfo>;
  /** Subscribe to application-menu commands; returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** Subscribe to File ▸ Recent clicks; call `openRecent(path)` to load the file. */
  onOpenRecent(callback: (path: string) => void): () => void;
}
