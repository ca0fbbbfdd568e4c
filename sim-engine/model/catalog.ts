/** The built-in accelerator catalog (scenarios/accelerators.json), typed. */
import catalogJson from '../../scenarios/accelerators.json' with { type: 'json' };

/** How a pool's nodes are bought (scenario `purchase`). */
export const PURCHASE_OPTIONS = ['on-demand', 'spot', 'reserved', 'owned'] as const;
export type PurchaseOption = (typeof PURCHASE_OPTIONS)[number];
/** Workload classes the catalog gives a speed for; a workload entry's `class` (default training). */
export const WORKLOAD_CLASSES = ['training', 'inference'] as const;
export type WorkloadClass = (typeof WORKLOAD_CLASSES)[number];

export interface AcceleratorType {
  id: string;
  vendor: string;
  name: string;
  memoryGiB: number;
  powerW: number;
  /** Power of an idle (ready, unused) accelerator; DESIGN §11 default: 30% of powerW. */
  idlePowerW?: number;
  speed: Record<WorkloadClass, number>;
  prices: Partial<Record<PurchaseOption, number>> & { 'on-demand': number };
  priceSource: string;
  priceDate: string;
}

export const CATALOG: readonly AcceleratorType[] = catalogJson.accelerators as AcceleratorType[];
export const REFERENCE_ACCELERATOR: string = catalogJson.reference;

const byId = new Map(CATALOG.map((a) => [a.id, a]));

export function findAccelerator(id: string): AcceleratorType | undefined {
  return byId.get(id);
}

export function acceleratorIds(): string[] {
  return CATALOG.map((a) => a.id);
}
