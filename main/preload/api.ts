// The `window.fleetlab` API, built from an ipcRenderer-like object. This file imports
// only the IPC contract (lint-enforced), so tests build the API over a fake ipcRenderer.
// Named functions only: there is no generic invoke/send/on that a compromised page could
// point at another channel (STYLE.md item 8).
import {
  CHANNELS,
  EVENTS,
  IpcErrorSchema,
  IpcResultSchema,
  MenuCommandSchema,
  OpenRecentEventSchema,
  type Channel,
  type EventChannel,
  type FleetlabApi,
  type IpcError,
  type MenuCommand,
} from '../ipc/contract.js';

/** The parts of Electron's IpcRenderer the API uses. */
export interface IpcRendererLike {
  invoke(channel: Channel, ...args: unknown[]): Promise<unknown>;
  on(channel: EventChannel, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: EventChannel, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const ipcError = (code: IpcError['code'], message: string): IpcError => ({ name: 'FleetlabIpcError', code, message });

export function createFleetlabApi(ipc: IpcRendererLike): FleetlabApi {
  /** Invokes a channel and unwraps main's envelope; failures reject with a plain IpcError object. */
  const call = async (channel: Channel, ...args: unknown[]): Promise<any> => {
    let raw: unknown;
    try {
      raw = await ipc.invoke(channel, ...args);
    } catch (error) {
      return Promise.reject(ipcError('internal', `${channel}: ${error instanceof Error ? error.message : String(error)}`));
    }
    const envelope = IpcResultSchema.safeParse(raw);
    if (!envelope.success) return Promise.reject(ipcError('invalid-response', `${channel}: main sent a malformed reply`));
    if (envelope.data.ok) return envelope.data.value;
    return Promise.reject(IpcErrorSchema.parse(envelope.data.error));
  };

  /** Subscribes to a main → renderer event; the page never sees the IpcRendererEvent. */
  const subscribe = <T>(channel: EventChannel, parse: (payload: unknown) => T | undefined, callback: (value: T) => void): (() => void) => {
    const listener = (_event: unknown, payload: unknown): void => {
      const value = parse(payload);
      if (value !== undefined) callback(value);
    };
    ipc.on(channel, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, listener);
    };
  };

  const api = {
    openScenario: () => call(CHANNELS.openScenario),
    openTrace: () => call(CHANNELS.openTrace),
    openRecent: (path: string) => call(CHANNELS.openRecent, { path }),
    saveScenario: (request) => call(CHANNELS.saveScenario, request),
    exportResults: (request) => call(CHANNELS.exportResults, request),
    recentFiles: () => call(CHANNELS.recentList),
    openExternal: (url: string) => call(CHANNELS.openExternal, { url }),
    appInfo: () => call(CHANNELS.appInfo),
    onMenuCommand: (callback: (command: MenuCommand) => void) =>
      subscribe(EVENTS.menuCommand, (p) => MenuCommandSchema.safeParse(p).data, callback),
    onOpenRecent: (callback: (path: string) => void) =>
      subscribe(EVENTS.openRecent, (p) => OpenRecentEventSchema.safeParse(p).data?.path, callback),
  } satisfies FleetlabApi;
  return Object.freeze(api);
}
