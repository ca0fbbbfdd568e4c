import { useEffect, useRef, useState } from 'react';
import { plural } from '../../sim-engine/report/plural';
import { fmtDuration, fmtPct, fmtSimTime } from '../charts/format';
import { MAX_REPLICATIONS, type AppController, type AppState, type Progress } from '../state/controller';
import { timeLeft } from '../state/runs';
import { useStore } from '../state/store';
import { ResultsView } from './ResultsView';
import { ScenarioEditor } from './ScenarioEditor';
import { TracePreview } from './TracePreview';
import { WorkEstimate } from './WorkEstimate';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** "Open trace…": the native dialog on desktop, a file input in web mode. */
function OpenTraceButton({ c, testId, className = 'btn', label = 'Open trace…', disabled = false }: { c: AppController; testId?: string; className?: string; label?: string; disabled?: boolean }) {
  const title = 'Open a workload trace to preview it (or drop it on the window)';
  if (c.isDesktop) {
    return (
      <button className={className} onClick={() => void c.openTraceDialog()} title={title} disabled={disabled} data-testid={testId ? `${testId}-button` : undefined}>
        {label}
      </button>
    );
  }
  return (
    <label className={`${className}${disabled ? ' disabled' : ''}`} title={title}>
      {label}
      <input
        type="file"
        className="visually-hidden"
        data-testid={testId}
        disabled={disabled}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void c.openTraceFile(f);
        }}
      />
    </label>
  );
}

function MissingTraces({ c, s }: { c: AppController; s: AppState }) {
  if (s.missingTraces.length === 0 || s.preview) return null;
  const n = s.missingTraces.length;
  return (
    <div className="info-banner" role="status" data-testid="missing-traces">
      <div className="info-icon" aria-hidden="true">
        i
      </div>
      <div className="error-body">
        <div className="error-title">
          This scenario reads {n === 1 ? 'a trace' : plural(n, 'trace')} the app does not have yet
        </div>
        <div className="small">
          Open <span className="mono">{s.missingTraces.join(', ')}</span> to run it — the file is only read, never uploaded.
        </div>
      </div>
      <OpenTraceButton c={c} className="btn sm" testId="open-missing-trace" label={n === 1 ? 'Open it…' : 'Open a trace…'} />
    </div>
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

const THEME_COLORS = {
  light: { grid: '#e6e8ee', muted: '#8a91a0' },
  dark: { grid: '#2a2f3a', muted: '#7d8594' },
};

/** The window's title: the scenario, with a leading • while it has unsaved changes. */
export function windowTitle(s: Pick<AppState, 'doc' | 'dirty'>, entry: { title: string; fileName: string } | undefined): string {
  if (!s.doc || !entry) return 'fleetlab';
  const name = typeof s.doc.name === 'string' && s.doc.name.trim() !== '' ? s.doc.name.trim() : entry.title || entry.fileName;
  return `${s.dirty ? '• ' : ''}${name} — fleetlab`;
}

/** Re-render every `ms` while `on` (a countdown between progress reports). */
function useTicker(on: boolean, ms = 500): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(id);
  }, [on, ms]);
}

/** ` · 12s left`, counting down between reports; ` · finishing…` once the estimate runs out. */
function etaText(p: Progress, nowMs: number): string {
  const left = timeLeft(p.endsAtMs, nowMs);
  if (left === null) return '';
  return left === 'finishing' ? ' · finishing…' : ` · ${fmtDuration(left)} left`;
}

function RunControls({ c, s }: { c: AppController; s: AppState }) {
  const running = s.phase === 'running';
  const p = s.progress;
  useTicker(running && !!p && p.endsAtMs !== null);
  return (
    <div className="run-controls">
      {running && p && (
        <div className="progress" data-testid="run-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.fraction * 100)} aria-label="Run progress">
          <div className="progress-text">
            <span>{p.policies ? `${p.policy} · ${p.policyIndex + 1}/${p.policies}` : 'Starting…'}</span>
            <span className="muted">
              {fmtPct(p.fraction)}
              <span data-testid="run-eta">{etaText(p, c.now())}</span>
            </span>
          </div>
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${Math.max(2, p.fraction * 100)}%` }} />
          </div>
        </div>
      )}
      {!running && <WorkEstimate doc={s.doc} replications={s.replications} />}
      <label className="replications" title="Runs per policy with seeds derived from the scenario seed: the table shows means ± 95% CI (like fleetlab run --replications N)">
        Replications
        <input className="input" type="number" data-testid="replications" min={1} max={MAX_REPLICATIONS} step={1} value={s.replications} disabled={running} onChange={(e) => c.setReplications(e.target.valueAsNumber)} />
      </label>
      {running ? (
        <button className="btn danger" data-testid="cancel-run" onClick={() => c.cancel()} title="Cancel the run (Esc)">
          Cancel <kbd>Esc</kbd>
        </button>
      ) : (
        <button className="btn primary" data-testid="run-all" onClick={() => void c.run()} disabled={!s.doc || s.phase === 'loading'} title={`Run every policy of the scenario (${MOD}+Enter)`}>
          ▶ Run all <kbd>{MOD}+↵</kbd>
        </button>
      )}
    </div>
  );
}

function ScenarioPicker({ c, s }: { c: AppController; s: AppState }) {
  const builtins = s.library.filter((e) => e.source === 'builtin');
  const files = s.library.filter((e) => e.source === 'file');
  return (
    <select className="input picker" data-testid="scenario-picker" aria-label="Scenario" value={s.activeId ?? ''} onChange={(e) => c.selectScenario(e.target.value)} disabled={s.phase === 'running'}>
      {!s.activeId && <option value="">Choose a scenario…</option>}
      <optgroup label="Built-in">
        {builtins.map((e) => (
          <option key={e.id} value={e.id}>
            {e.title} — {e.fileName}
          </option>
        ))}
      </optgroup>
      {files.length > 0 && (
        <optgroup label="Opened">
          {files.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} — {e.fileName}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}

function EmptyResults({ c, s }: { c: AppController; s: AppState }) {
  if (s.phase === 'running') {
    const p = s.progress;
    return (
      <div className="empty-state">
        <div className="spinner" aria-hidden="true" />
        <h2>Simulating{p?.policy ? ` ${p.policy}` : ''}…</h2>
        <p className="muted">
          {p && p.policies ? `Policy ${p.policyIndex + 1} of ${p.policies} · simulated time ${fmtSimTime(p.simTimeS)}` : 'Checking the scenario and preparing the workload.'}
          <br />
          Press <kbd>Esc</kbd> to cancel.
        </p>
      </div>
    );
  }
  if (!s.doc) {
    return (
      <div className="empty-state">
        <h2>Load a scenario to begin</h2>
        <p className="muted">Pick a built-in scenario in the toolbar, or open a YAML or JSON scenario file ({MOD}+O).</p>
      </div>
    );
  }
  const n = Array.isArray(s.doc.policies) ? s.doc.policies.length : 0;
  const name = <strong>{String(s.doc.name ?? c.active?.fileName ?? 'this scenario')}</strong>;
  return (
    <div className="empty-state">
      <h2>No results yet</h2>
      {n === 0 ? (
        <p className="muted" data-testid="no-policies">
          {name} has no policies yet: add one in the editor (+ Add policy) to compare cost, utilization and availability.
        </p>
      ) : (
        <p className="muted">
          Run {n === 1 ? 'the policy' : `the ${plural(n, 'policy', 'policies')}`} of {name} to {n === 1 ? 'see its' : 'compare'} cost, utilization and availability{n === 1 ? '' : ' side by side'}.
        </p>
      )}
      <button className="btn primary" onClick={() => void c.run()} disabled={n === 0} title={n === 0 ? 'Add a policy first: a run compares policies' : undefined}>
        ▶ Run all <kbd>{MOD}+↵</kbd>
      </button>
    </div>
  );
}

export function App({ controller: c }: { controller: AppController }) {
  const s = useStore(c.store);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // Drop a trace (preview) or a scenario file (open) anywhere on the window.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const f = e.dataTransfer?.files?.[0];
      if (!f) return;
      if (SCENARIO_FILE.test(f.name)) void c.openWebFile(f);
      else void c.openTraceFile(f);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [c]);

  // The window's (tab's) title names the scenario; Electron's BrowserWindow follows document.title.
  const title = windowTitle(s, c.active);
  useEffect(() => {
    document.title = title;
  }, [title]);

  // Theme on the document root (CSS variables).
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = s.theme;
    root.style.colorScheme = s.theme;
  }, [s.theme]);

  // Keyboard shortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        void c.run();
      } else if (e.key === 'Escape') {
        if (c.state.confirm) c.resolveConfirm(false);
        else if (c.state.preview) c.closePreview();
        else if (c.state.phase === 'running') c.cancel();
      } else if (mod && key === 'o') {
        e.preventDefault();
        if (c.isDesktop) void c.openDialog();
        else fileInput.current?.click();
      } else if (mod && key === 's') {
        e.preventDefault();
        void c.save();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        c.redo();
      } else if (mod && key === 'z') {
        e.preventDefault();
        c.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c]);

  // Unsaved-changes guard for closing the tab (web mode; the desktop shell guards its own window).
  useEffect(() => {
    if (c.isDesktop || !s.dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [c, s.dirty]);

  const bundle = c.results.get(s.result?.runId);
  const colors = THEME_COLORS[s.theme];
  const running = s.phase === 'running';

  return (
    <div className="app" data-app-state={s.phase}>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          fleetlab
        </div>
        <ScenarioPicker c={c} s={s} />
        <div className="btn-group">
          {c.isDesktop ? (
            <button className="btn" onClick={() => void c.openDialog()} title={`Open a scenario file (${MOD}+O)`} disabled={running}>
              Open…
            </button>
          ) : (
            <label className={`btn${running ? ' disabled' : ''}`} title={`Open a scenario file (${MOD}+O)`}>
              Open…
              <input
                ref={fileInput}
                type="file"
                className="visually-hidden"
                data-testid="open-file"
                accept=".yaml,.yml,.json,application/json,text/yaml"
                disabled={running}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void c.openWebFile(f);
                }}
              />
            </label>
          )}
          <button className="btn" onClick={() => void c.save()} disabled={!s.doc} title={`${c.isDesktop ? 'Save' : 'Download'} the scenario (${MOD}+S)`}>
            {c.isDesktop ? 'Save' : 'Save'}
            {s.dirty && <span className="dot" aria-label="unsaved changes" />}
          </button>
          <OpenTraceButton c={c} testId="open-trace" />
        </div>
        <div className="spacer" />
        <RunControls c={c} s={s} />
        <button className="icon-btn theme-toggle" onClick={() => c.toggleTheme()} title={`Switch to ${s.theme === 'dark' ? 'light' : 'dark'} theme`} aria-label="Toggle theme">
          {s.theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>

      {s.error && (
        <div className="error-banner" role="alert">
          <div className="error-icon" aria-hidden="true">
            !
          </div>
          <div className="error-body" data-testid="error-message">
            <div className="error-title">{s.error.title}</div>
            <pre className="error-text">{s.error.message}</pre>
          </div>
          <button className="btn ghost sm" onClick={() => c.dismissError()}>
            Dismiss
          </button>
        </div>
      )}

      <MissingTraces c={c} s={s} />

      <main className="layout">
        <aside className="sidebar">
          <ScenarioEditor controller={c} state={s} />
        </aside>
        <section className="content" aria-live="polite">
          {s.preview ? (
            <TracePreview preview={s.preview} canUse={!!s.doc} onFormat={(f) => c.setPreviewFormat(f)} onUse={() => c.useTraceInScenario()} onClose={() => c.closePreview()} />
          ) : bundle && s.result ? (
            <>
              <div className="results-head">
                <div>
                  <h1>{s.result.title}</h1>
                  <div className="muted small">
                    {s.result.fileName} · {plural(s.result.policies.length, 'policy', 'policies')} · simulated in {fmtDuration(s.result.elapsedS)}
                    {s.resultsStale && <span className="badge warn">scenario changed since this run</span>}
                  </div>
                </div>
                <div className="btn-group">
                  <span className="muted small">Export</span>
                  <button className="btn sm" onClick={() => void c.exportResults('results.json')} data-testid="export-results-json">
                    results.json
                  </button>
                  <button className="btn sm" onClick={() => void c.exportResults('series.csv')} data-testid="export-series-csv">
                    series.csv
                  </button>
                  <button className="btn sm" onClick={() => void c.exportResults('jobs.csv')} data-testid="export-jobs-csv">
                    jobs.csv
                  </button>
                  <button className="btn sm" onClick={() => void c.exportResults('decisions.csv')} data-testid="export-decisions-csv">
                    decisions.csv
                  </button>
                </div>
              </div>
              {s.result.warnings.length > 0 && (
                <details className="warnings">
                  <summary>
                    {plural(s.result.warnings.length, 'warning')} from the run
                  </summary>
                  <ul>
                    {s.result.warnings.map((w, i) => (
                      <li key={i} className="mono">
                        {w}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {running && (
                <div className="running-note">
                  <div className="spinner small" aria-hidden="true" /> A new run is in progress — these are the previous results.
                </div>
              )}
              <ResultsView key={s.result.runId} controller={c} state={s} bundle={bundle} gridColor={colors.grid} mutedColor={colors.muted} />
            </>
          ) : (
            <EmptyResults c={c} s={s} />
          )}
        </section>
      </main>

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <div className="drop-title">Drop a trace to preview it</div>
            <div className="muted small">or a .yaml / .json scenario to open it</div>
          </div>
        </div>
      )}

      {s.notice && (
        <div className="toast" role="status">
          {s.notice}
        </div>
      )}

      {s.confirm && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{s.confirm.title}</h2>
            <p>{s.confirm.message}</p>
            <div className="modal-actions">
              <button className="btn" onClick={() => c.resolveConfirm(false)} autoFocus>
                Keep editing
              </button>
              <button className="btn danger" onClick={() => c.resolveConfirm(true)} data-testid="confirm-discard">
                {s.confirm.confirmLabel}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
