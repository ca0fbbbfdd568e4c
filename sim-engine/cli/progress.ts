/** Progress on stderr: a bar on a TTY, a line every few seconds otherwise, nothing with --quiet. */
import type cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number, label: string): void;
  stop(): void;
}

export function createProgress(opts: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) return { update() {}, stop() {} };
  const started = Date.now();
  if (stream.isTTY) {
    // cli-progress loads only for a terminal, while the run starts (the bar waits 300 ms anyway).
    let lib: typeof cliProgress | null = null;
    void import('cli-progress').then((m) => (lib = m.default));
    let bar: cliProgress.SingleBar | null = null;
    return {
      update(fraction, label) {
        // Only show a bar for work that takes a noticeable time.
        if (!bar && (Date.now() - started < 300 || !lib)) return;
        if (!bar) {
          const cliProgress = lib!;
          bar = new cliProgress.SingleBar({ stream, format: ' {bar} {percentage}% | ETA {eta_formatted} | {label}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
          bar.start(1000, 0, { label });
        }
        bar.update(Math.round(fraction * 1000), { label });
      },
      stop() {
        bar?.stop();
      },
    };
  }
  let last = started;
  return {
    update(fraction, label) {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const elapsed = (now - started) / 1000;
      const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : NaN;
      stream.write(`fleetlab: ${(fraction * 100).toFixed(0)}% ${label}${Number.isFinite(eta) ? `, about ${Math.ceil(eta)}s left` : ''}\n`);
    },
    stop() {},
  };
}
