/**
 * A chart legend whose entries toggle their series: each is a button, `aria-pressed` while the
 * series is shown. Static entries (the warm-up band) are plain labels. The text of an entry is
 * exactly its label (swatches are empty spans), so tests and screen readers read the name.
 */
import { useCallback, useState } from 'react';

export interface LegendEntry {
  /** What toggling hides (a series key, `marker:<label>`). */
  key: string;
  label: string;
  color: string;
  swatch: 'line' | 'dash' | 'tick' | 'band';
  /** An event-marker entry (`data-marker` = its label). */
  marker?: boolean;
  /** Not a toggle. */
  fixed?: boolean;
  title?: string;
}

/** The set of hidden keys and a toggle. */
export function useHidden(): [ReadonlySet<string>, (key: string) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((key: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  return [hidden, toggle];
}

function Swatch({ e }: { e: LegendEntry }) {
  if (e.swatch === 'tick') return <span className="legend-tick" style={{ background: e.color }} />;
  if (e.swatch === 'band') return <span className="legend-band" />;
  const dashed = e.swatch === 'dash';
  return <span className={`legend-swatch${dashed ? ' dashed' : ''}`} style={{ borderColor: e.color, background: dashed ? 'transparent' : e.color }} />;
}

export function ChartLegend({ entries, hidden, onToggle }: { entries: readonly LegendEntry[]; hidden: ReadonlySet<string>; onToggle: (key: string) => void }) {
  return (
    <div className="legend">
      {entries.map((e) =>
        e.fixed ? (
          <span key={e.key} className="legend-item legend-fixed" title={e.title}>
            <Swatch e={e} />
            {e.label}
          </span>
        ) : (
          <button
            key={e.key}
            type="button"
            className="legend-item legend-toggle"
            aria-pressed={!hidden.has(e.key)}
            data-marker={e.marker ? e.label : undefined}
            title={e.title ?? (hidden.has(e.key) ? `Show ${e.label}` : `Hide ${e.label}`)}
            onClick={() => onToggle(e.key)}
          >
            <Swatch e={e} />
            {e.label}
          </button>
        ),
      )}
    </div>
  );
}
