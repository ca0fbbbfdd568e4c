/**
 * The comlink client of the engine worker. Cancellation terminates the worker
 * (the next call starts a fresh one); a crashed worker rejects every pending
 * call with an EngineError and is replaced on the next call, so the UI stays usable.
 */
import * as Comlink from 'comlink';
import type { CheckOutcome, EngineApi, EngineProgress, ExportOutcome, InspectOutcome, InspectProgress, RunOutcome, RunRequest } from '../../sim-engine/worker/types';

export interface EngineClient {
  check(text: string, fileName: string): Promise<CheckOutcome>;
  run(request: RunRequest, onProgress: (p: EngineProgress) => void): Promise<RunOutcome>;
  /** Summarize a trace (like `fleetlab inspect --json`); the bytes are copied, the caller keeps them. */
  inspect(bytes: Uint8Array, fileName: string, format: string, onProgress: (p: InspectProgress) => void): Promise<InspectOutcome>;
  /** results.json, series.csv and jobs.csv of the worker's last run, built on demand. */
  exportFiles(runId: string): Promise<ExportOutcome>;
  /** Terminate the worker: pending calls reject with an EngineError of code `cancelled`. */
  cancel(): void;
  dispose(): void;
}

/** Errors cross the worker boundary as plain {name, code, message} (STYLE.md). */
export class EngineError extends Error {
  constructor(
    readonly code: 'cancelled' | 'crashed' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof EngineError && e.code === 'cancelled';
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../../sim-engine/worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'fleetlab-engine' });

export function createEngineClient(factory: WorkerFactory = defaultWorkerFactory): EngineClient {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<EngineApi> | null = null;
  const pending = new Set<(e: EngineError) => void>();

  const stop = (error: EngineError | null): void => {
    const w = worker;
    worker = null;
    if (remote) remote[Comlink.releaseProxy]?.();
    remote = null;
    w?.terminate();
    if (error) {
      for (const reject of [...pending]) reject(error);
      pending.clear();
    }
  };

  const ensure = (): Comlink.Remote<EngineApi> => {
    if (remote) return remote;
    const w = factory();
    w.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault?.();
      if (worker !== w) return;
      const detail = ev.message ? `: ${ev.message}` : '';
      stop(new EngineError('crashed', `The simulation engine stopped unexpectedly${detail}. Your scenario is unchanged; run it again, or reload the app if this keeps happening.`));
    });
    w.addEventListener('messageerror', () => {
      if (worker !== w) return;
      stop(new EngineError('crashed', 'The simulation engine sent a message that could not be read. Run the scenario again.'));
    });
    worker = w;
    remote = Comlink.wrap<EngineApi>(w);
    return remote;
  };

  const call = <T>(fn: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const rejectOnce = (e: EngineError) => reject(e);
      pending.add(rejectOnce);
      let api: Comlink.Remote<EngineApi>;
      try {
        api = ensure();
      } catch (e) {
        pending.delete(rejectOnce);
        reject(new EngineError('crashed', `Could not start the simulation engine: ${errorMessage(e)}`));
        return;
      }
      fn(api).then(
        (v) => {
          pending.delete(rejectOnce);
          resolve(v);
        },
        (e: unknown) => {
          pending.delete(rejectOnce);
          reject(e instanceof EngineError ? e : new EngineError('failed', errorMessage(e)));
        },
      );
    });

  return {
    check: (text, fileName) => call((api) => api.check(text, fileName) as Promise<CheckOutcome>),
    run: (request, onProgress) => {
      const cb = Comlink.proxy(onProgress);
      return call((api) => api.run(request, cb) as Promise<RunOutcome>);
    },
    inspect: (bytes, fileName, format, onProgress) => {
      const cb = Comlink.proxy(onProgress);
      return call((api) => api.inspect(bytes, fileName, format, cb) as Promise<InspectOutcome>);
    },
    exportFiles: (runId) => call((api) => api.exportFiles(runId) as Promise<ExportOutcome>),
    cancel: () => stop(new EngineError('cancelled', 'Run cancelled')),
    dispose: () => stop(new EngineError('cancelled', 'Engine closed')),
  };
}
