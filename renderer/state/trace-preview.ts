/**
 * The trace preview: a file summarized in the worker (progress, result or the reason it
 * cannot be read), shown in `state.preview`; a newer preview or a close makes an older
 * answer stale (generation counter).
 */
import { errorMessage, isCancelled, type EngineClient } from '../engine/client';
import type { AppState } from './app-state';
import type { Store } from './store';

/** The file name of a path (either separator). */
export const basename = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

export class TracePreviewer {
  /** The bytes of the file being previewed (what "Use in scenario" keeps). */
  bytes: Uint8Array | null = null;
  private gen = 0;

  constructor(
    private readonly store: Store<AppState>,
    private readonly inspector: EngineClient,
    private readonly now: () => number,
  ) {}

  private get state(): AppState {
    return this.store.get();
  }

  /** Summarize `bytes` in the worker and show the preview (`format`: `auto` or a format id). */
  show(fileName: string, bytes: Uint8Array, format = 'auto'): void {
    const gen = ++this.gen;
    this.bytes = bytes;
    const providesPath = this.state.missingTraces.find((p) => basename(p) === fileName) ?? null;
    this.store.update((s) => {
      s.preview = { fileName, size: bytes.length, format, phase: 'parsing', fraction: 0, summary: null, message: null, providesPath };
    });
    let lastAt = 0;
    this.inspector
      .inspect(bytes, fileName, format, (p) => {
        const t = this.now();
        if (gen !== this.gen || (t - lastAt < 80 && p.fraction < 1)) return;
        lastAt = t;
        this.store.update((s) => {
          if (s.preview?.phase === 'parsing') s.preview.fraction = p.fraction;
        });
      })
      .then(
        (out) => {
          if (gen !== this.gen) return;
          this.store.update((s) => {
            if (!s.preview) return;
            s.preview.fraction = 1;
            if (out.ok) {
              s.preview.phase = 'done';
              s.preview.summary = out.summary;
            } else {
              s.preview.phase = 'error';
              s.preview.message = out.message;
            }
          });
        },
        (e: unknown) => {
          if (gen !== this.gen || isCancelled(e)) return;
          this.store.update((s) => {
            if (!s.preview) return;
            s.preview.phase = 'error';
            s.preview.message = `${fileName}: ${errorMessage(e)}`;
          });
        },
      );
  }

  /** Read the previewed file again as another format (the picker). */
  setFormat(format: string): void {
    const p = this.state.preview;
    if (!p || !this.bytes || p.format === format) return;
    this.show(p.fileName, this.bytes, format);
  }

  close(): void {
    this.gen++;
    this.bytes = null;
    this.store.update((s) => {
      s.preview = null;
    });
  }
}
