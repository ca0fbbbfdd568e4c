// Preload entry: runs sandboxed, with context isolation. Exposes `window.fleetlab` and
// nothing else. Bundled to a single CommonJS file (out/preload/index.cjs) by
// main/build-preload.mjs, since a sandboxed preload can neither load ESM nor require
// files other than electron's own modules.
import { contextBridge, ipcRenderer } from 'electron';
import type { FleetlabApi } from '../ipc/contract.js';
import { createFleetlabApi } from './api.js';

const api: FleetlabApi = createFleetlabApi(ipcRenderer);
contextBridge.exposeInMainWorld('fleetlab', api);
