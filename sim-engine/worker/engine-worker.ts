/// <reference lib="webworker" />
/**
 * The app's engine worker: exposes EngineApi through comlink. The renderer cancels a run
 * by terminating this worker; a run writes nothing, so nothing is left half-written.
 * Everything host-neutral lives in `EngineSession` (run-bundle.ts); this file only binds
 * the host (crypto, timers, clock) and transfers typed arrays instead of copying them.
 */
import * as Comlink from 'comlink';
import { EngineSession } from './run-bundle.js';
import type { EngineApi } from './types.js';

const host = {
  async sha256Hex(bytes: Uint8Array): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  },
  yieldNow: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  now: () => performance.now(),
  // The memory guard (issue 12): Chromium's heap figures, where it has them — past 90% of the heap limit the run stops with a message.
  memoryCheck: () => {
    const m = (performance as { memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number } }).memory;
    if (!m || !(m.jsHeapSizeLimit > 0)) return null;
    const limitBytes = 0.9 * m.jsHeapSizeLimit;
    return m.usedJSHeapSize > limitBytes ? { usedBytes: m.usedJSHeapSize, limitBytes } : null;
  },
};

const session = new EngineSession(host);

/** A progress callback arrives as a comlink proxy (its own MessagePort): release it when the call ends. */
function release(cb: unknown): void {
  (cb as { [Comlink.releaseProxy]?: () => void } | undefined)?.[Comlink.releaseProxy]?.();
}

const api: EngineApi = {
  async check(text, fileName) {
    return session.check(text, fileName);
  },
  async run(request, onProgress) {
    const outcome = await session.run(request, onProgress).finally(() => release(onProgress));
    if (!outcome.ok) return outcome;
    // The view's arrays are copies made for the UI: transfer them (the worker keeps its own for exports).
    const transfer: ArrayBuffer[] = [];
    for (const r of outcome.bundle.runs) {
      for (const a of [r.series.timeS, r.series.ready, r.series.provisioning, r.series.busy, r.series.demand, r.series.queued, r.series.costUsd, r.waitsSortedS]) transfer.push(a.buffer as ArrayBuffer);
    }
    return Comlink.transfer(outcome, transfer);
  },
  inspect(bytes, fileName, format, onProgress) {
    return session.inspect(bytes, fileName, format, onProgress).finally(() => release(onProgress));
  },
  exportFiles(runId) {
    return session.exportFiles(runId);
  },
};

Comlink.expose(api);
