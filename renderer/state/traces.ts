/**
 * Trace files the app holds for runs: opened by the user (picked, dropped, or through the
 * desktop dialog, then previewed) or bundled with a built-in scenario; which of the
 * scenario's trace paths are still missing; the bytes handed to the engine for a run.
 */
import type { TraceInput } from '../../sim-engine/worker/types';
import { errorMessage, type EngineClient } from '../engine/client';
import { readFileBytes, type FleetlabApi } from '../platform/host';
import type { AppContext } from './app-context';
import { builtinTraceUrl } from './builtins';
import type { ScenarioDoc } from './scenario-doc';
import { basename, TracePreviewer } from './trace-preview';

export class TraceFiles {
  private readonly previewer: TracePreviewer;
  private readonly traces = new Map<string, Uint8Array>();

  constructor(
    private readonly ctx: AppContext,
    inspector: EngineClient,
    private readonly desktop: FleetlabApi | undefined,
    /** A structural edit of the document (one undo step). */
    private readonly change: (recipe: (draft: ScenarioDoc) => void) => void,
  ) {
    this.previewer = new TracePreviewer(ctx.store, inspector, ctx.now);
  }

  /** Open a trace file the user picked or dropped (web mode): preview it. */
  async openFile(file: File): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch (e) {
      this.ctx.fail('load', `Could not read ${file.name}`, `${file.name}: ${errorMessage(e)}`);
      return;
    }
    this.preview(file.name, bytes);
  }

  /** Desktop: the native open dialog, then the preview. */
  async openDialog(): Promise<void> {
    if (!this.desktop) return;
    try {
      const t = await this.desktop.openTrace();
      if (t) this.preview(t.name, t.bytes);
    } catch (e) {
      this.ctx.fail('load', 'Could not open the trace', errorMessage(e));
    }
  }

  /** Summarize `bytes` in the worker and show the preview (`format`: `auto` or a format id). */
  preview(fileName: string, bytes: Uint8Array, format = 'auto'): void {
    this.previewer.show(fileName, bytes, format);
  }

  /** Read the previewed file again as another format (the picker). */
  setPreviewFormat(format: string): void {
    this.previewer.setFormat(format);
  }

  closePreview(): void {
    this.previewer.close();
  }

  /**
   * Keep the previewed bytes for runs and, unless the scenario already names this file,
   * add a `kind: trace` workload entry for it (one undoable step).
   */
  useInScenario(): void {
    const { preview: p, tracePaths, doc } = this.ctx.store.get();
    const bytes = this.previewer.bytes;
    if (!p || !bytes || p.phase !== 'done' || !p.summary) return;
    if (p.summary.kind !== 'jobs') {
      this.ctx.notify(`${p.fileName} holds ${p.summary.kind === 'requests' ? 'inference requests' : 'a fleet inventory'}: only batch-job traces can be replayed yet.`);
      return;
    }
    const format = p.format === 'auto' ? p.summary.format : p.format;
    this.traces.set(p.fileName, bytes);
    const named = tracePaths.some((t) => basename(t) === p.fileName);
    if (!named && doc) {
      this.change((d) => {
        if (!Array.isArray(d.workload)) d.workload = [];
        (d.workload as ScenarioDoc[]).push({ kind: 'trace', path: p.fileName, format });
      });
    }
    this.closePreview();
    this.sync(named ? `${p.fileName} attached: the scenario can run now` : `Added ${p.fileName} (${format}) to the scenario's workload`);
  }

  private sync(message?: string): void {
    this.ctx.store.update((s) => {
      s.attachedTraces = [...this.traces.keys()];
      s.missingTraces = this.missingOf(s.tracePaths);
    });
    if (message) this.ctx.notify(message);
  }

  /** Trace paths the app has no bytes for: neither opened by the user nor bundled with a built-in. */
  missingOf(paths: readonly string[]): string[] {
    const builtin = this.ctx.active?.source === 'builtin';
    return paths.filter((p) => !this.traces.has(basename(p)) && !(builtin && builtinTraceUrl(p)));
  }

  /** The bytes of every path, for a run; throws a message naming the missing ones. */
  async resolve(paths: string[]): Promise<TraceInput[]> {
    const out: TraceInput[] = [];
    const missing: string[] = [];
    for (const path of paths) {
      const attached = this.traces.get(basename(path));
      if (attached) {
        out.push({ path, bytes: attached });
        continue;
      }
      const url = this.ctx.active?.source === 'builtin' ? builtinTraceUrl(path) : undefined;
      if (url) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`could not load the bundled trace ${path} (HTTP ${res.status})`);
        out.push({ path, bytes: new Uint8Array(await res.arrayBuffer()) });
        continue;
      }
      missing.push(path);
    }
    if (missing.length) {
      throw new Error(`This scenario reads ${missing.length === 1 ? 'a trace file' : 'trace files'} the app does not have yet: ${missing.join(', ')}. Use “Open trace…” to open ${missing.length === 1 ? 'it' : 'them'}, then run again.`);
    }
    return out;
  }
}
