/** The accelerator catalog (scenarios/accelerators.json), bundled at build time. */
export interface AcceleratorInfo {
  id: string;
  vendor: string;
  name: string;
  memoryGiB: number;
  powerW: number;
  speed: { training: number; inference: number };
  prices: { 'on-demand': number; spot?: number; reserved?: number };
  priceSource?: string;
  priceDate?: string;
}

export { PURCHASE_OPTIONS, WORKLOAD_CLASSES, type PurchaseOption } from '../../sim-engine/model/catalog';

/** Accepts the catalog as a bare array or as `{ accelerators: [...] }`. */
export function normalizeCatalog(raw: unknown): AcceleratorInfo[] {
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? (raw as { accelerators?: unknown }).accelerators : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((a): a is AcceleratorInfo => !!a && typeof a === 'object' && typeof (a as AcceleratorInfo).id === 'string');
}

const files = import.meta.glob('../../scenarios/accelerators.json', { eager: true, import: 'default' });

export const BUILTIN_CATALOG: AcceleratorInfo[] = normalizeCatalog(Object.values(files)[0]);

/** USD per accelerator-hour for a purchase option (falls back to on-demand). */
export function pricePerAcceleratorHour(a: AcceleratorInfo | undefined, purchase: string): number | null {
  if (!a) return null;
  const p = a.prices[purchase as keyof AcceleratorInfo['prices']];
  return typeof p === 'number' ? p : (a.prices['on-demand'] ?? null);
}
