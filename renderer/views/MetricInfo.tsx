/**
 * The ⓘ beside a KPI row label: a small button (keyboard accessible, `aria-label="About <metric>"`)
 * whose popover gives the metric's definition — the same text as the README's metric table
 * (sim-engine/report/metric-definitions.ts). It opens on hover and focus, stays open on click,
 * and closes on Escape or blur. The popover is portalled to the body, so it is neither
 * clipped by the scrolling table nor part of the row label's text.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { definitionParts } from '../../sim-engine/report/metric-definitions';

const POPOVER_W = 340;

/** Markdown code spans as <code>. */
export function DefinitionText({ text }: { text: string }) {
  return (
    <>
      {definitionParts(text).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export function InfoButton({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState<'hover' | 'pinned' | null>(null);
  const [pos, setPos] = useState({ left: 0, top: 0 });
  const ref = useRef<HTMLButtonElement>(null);
  const id = useId();
  const place = () => {
    const r = ref.current?.getBoundingClientRect();
    if (!r) return;
    setPos({ left: Math.max(8, Math.min(r.left - 8, window.innerWidth - POPOVER_W - 8)), top: r.bottom + 6 });
  };
  const show = (how: 'hover' | 'pinned') => {
    place();
    setOpen((o) => (o === 'pinned' && how === 'hover' ? o : how));
  };
  // The popover is fixed to the viewport: it follows its button when the page scrolls.
  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open]);
  return (
    <>
      <button
        ref={ref}
        type="button"
        className="info-btn"
        aria-label={`About ${label}`}
        aria-expanded={open !== null}
        aria-describedby={open ? id : undefined}
        onMouseEnter={() => show('hover')}
        onMouseLeave={() => setOpen((o) => (o === 'hover' ? null : o))}
        onFocus={() => show('hover')}
        onBlur={() => setOpen(null)}
        onClick={() => (open === 'pinned' ? setOpen(null) : show('pinned'))}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(null);
          }
        }}
      >
        <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="6.8" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <path d="M8 7.2v4.2" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="4.8" r="1" fill="currentColor" />
        </svg>
      </button>
      {open &&
        createPortal(
          <div role="tooltip" id={id} className="info-popover" data-testid="metric-info" style={{ left: pos.left, top: pos.top, maxWidth: POPOVER_W }}>
            {children}
          </div>,
          document.body,
        )}
    </>
  );
}

/** The ⓘ of a metric: its label, summary key and definition. */
export function MetricInfo({ label, metricKey, definition }: { label: string; metricKey: string; definition: string }) {
  return (
    <InfoButton label={label}>
      <div className="info-title">
        {label} <code>{metricKey}</code>
      </div>
      <p className="info-body">
        <DefinitionText text={definition} />
      </p>
    </InfoButton>
  );
}
