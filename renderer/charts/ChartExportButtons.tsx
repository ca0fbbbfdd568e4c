/** PNG and SVG download buttons for a chart header: the chart builds its SVG document on demand (export.ts). */
import { useState } from 'react';
import { exportPng, exportSvg } from './export';

export interface ChartExportButtonsProps {
  /** The chart's title: the file is `<slug>.png|svg`. */
  name: string;
  /** The chart as a standalone SVG document, built when a button is pressed. */
  build: () => { svg: string; width: number; height: number };
}

export function ChartExportButtons({ name, build }: ChartExportButtonsProps) {
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<void> | void) => {
    try {
      setError(null);
      await f();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="chart-export" role="group" aria-label={`Export “${name}”`}>
      <button
        type="button"
        data-testid="export-png"
        title={error ?? 'Download this chart as a PNG image (2×)'}
        onClick={() =>
          void run(async () => {
            const d = build();
            await exportPng(d.svg, d.width, d.height, name);
          })
        }
      >
        PNG
      </button>
      <button type="button" data-testid="export-svg" title="Download this chart as SVG (vector)" onClick={() => void run(() => exportSvg(build().svg, name))}>
        SVG
      </button>
      {error && (
        <span className="chart-export-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
