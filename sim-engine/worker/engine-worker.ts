/// <reference lib="webworker" />
/**
 * The app's engine worker: exposes EngineApi through comlink. The renderer cancels a run
 * by terminating this worker; a run writes nothing, so nothing is left half-written.
 */
import * as Comlink from 'comlink';
import { checkScenario, runBundle } from './run-bundle.js';
import type { EngineApi } from './types.js';

const host = {
  async sha256Hex(bytes: Uint8Array): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  },
  yieldNow: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  now: () => performance.now(),
};

const api: EngineApi = {
  async check(text, fileName) {
    return checkScenario(text, fileName);
  },
  async run(request, onProgress) {
    const outcome = await runBundle(request, host, onProgress);
    if (!outcome.ok) return outcome;
    const transfer: ArrayBuffer[] = [];
    for (const r of outcome.bundle.runs) {
      for (const a of [r.series.timeS, r.series.ready, r.series.provisioning, r.series.busy, r.series.demand, r.series.queued, r.series.costUsd, r.waitsSortedS]) transfer.push(a.buffer as ArrayBuffer);
    }
    return Comlink.transfer(outcome, transfer);
  },
};

Comlink.expose(api);
