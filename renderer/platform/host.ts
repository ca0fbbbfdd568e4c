/**
 * The OS as the renderer sees it: `window.fleetlab` (Electron preload) when present,
 * file inputs and downloads otherwise ("web mode").
 */
// The one import of the IPC contract in the renderer (everything else imports these types from here).
import type { ExportFileName, FleetlabApi, MenuCommand } from '../../main/ipc/contract.js';

declare global {
  interface Window {
    fleetlab?: FleetlabApi;
  }
}

export function desktopApi(): FleetlabApi | undefined {
  return typeof window !== 'undefined' ? window.fleetlab : undefined;
}

export type { ExportFileName, FleetlabApi, MenuCommand };

/** Offer a text file as a download (web mode). */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  downloadBlob(name, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Offer a blob as a download through a `blob:` link (web mode and Electron alike). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const MIME: Record<ExportFileName, string> = { 'results.json': 'application/json', 'series.csv': 'text/csv', 'jobs.csv': 'text/csv', 'decisions.csv': 'text/csv' };

/**
 * Export result files: through the desktop directory picker when available,
 * otherwise as downloads. Returns a short human-readable outcome.
 */
export async function exportFiles(files: Partial<Record<ExportFileName, string>>, only?: ExportFileName): Promise<string | null> {
  const names = (only ? [only] : (Object.keys(files) as ExportFileName[])).filter((n) => typeof files[n] === 'string');
  const api = desktopApi();
  if (api) {
    const res = await api.exportResults({ files: names.map((name) => ({ name, text: files[name]! })) });
    return res ? `Saved ${names.join(', ')} to ${res.dir}` : null;
  }
  for (const name of names) downloadText(name, files[name]!, MIME[name]);
  return `Downloaded ${names.join(', ')}`;
}

/** Read a File (from an <input type=file>) as text. */
export function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(file);
  });
}

export async function readFileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(file);
  });
}
