/** The built-in accelerator catalog (scenarios/accelerators.json), typed. */
import catalogJson from '../../scenarios/accelerators.json' with { type: 'json' };

/** How a pool's nodes are bought (scenario `purchase`). */
export const PURCHASE_OPTIONS = ['on-demand', 'spot', 'reserved', 'owned'] as const;
export type PurchaseOption = (typeof PURCHASE_OPTIONS)[number];
/** Workload classes the catalog gives a speed for; a workload entry's `class` (default training). */
export const WORKLOAD_CLASSES = ['training', 'inference'] as const;
export type WorkloadClass = (typeof WORKLOAD_CLASSES)[number];

/**
 * One catalog entry. The numbers of the entries that existed before a change stay as they
 * were (scenarios compare against them; test/model/catalog.test.ts holds a frozen copy):
 * newer published figures go in `notes`, beside the kept number.
 */
export interface AcceleratorType {
  /** Catalog id a pool's `accelerator` names, e.g. `nvidia-a100-80gb`. */
  id: string;
  vendor: string;
  name: string;
  /** Accelerator memory (GiB, as the vendor rounds it). */
  memoryGiB: number;
  /** Power of a busy accelerator (W): the vendor's TDP / max board power. */
  powerW: number;
  /** Power of an idle (ready, unused) accelerator (W); DESIGN §11 default when absent: 30% of powerW. */
  idlePowerW?: number;
  /** Where idlePowerW comes from: a published measurement, or "estimate: 30% of powerW …". */
  idlePowerSource?: string;
  /** Where powerW comes from (datasheet, or "estimate: …"). */
  powerSource?: string;
  /** Throughput per workload class relative to the reference accelerator (1.0). */
  speed: Record<WorkloadClass, number>;
  /** Where the speed ratios come from (MLPerf round and benchmark, vendor claims, or "estimate: …"). */
  speedSource?: string;
  /** USD per accelerator-hour by purchase option; a missing option is priced as on-demand. */
  prices: Partial<Record<PurchaseOption, number>> & { 'on-demand': number };
  /** The public price page (URL first) and machine type the prices were derived from. */
  priceSource: string;
  /** When the prices were read from priceSource (YYYY-MM-DD). */
  priceDate: string;
  /** Newer published figures (prices, ratios, measurements) written beside the kept numbers. */
  notes?: string;
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

/** What a pool spec says about its price: the fields `nodePriceUsdPerHour` reads. */
export interface PricedPool {
  readonly accelerator: string;
  readonly perNode: number;
  readonly purchase: PurchaseOption;
  readonly pricePerNodeHour?: number | undefined;
  readonly owned?: { readonly capexUsdPerNode: number; readonly amortization: number; readonly opexUsdPerNodeHour: number } | undefined;
}

/**
 * A node-hour of the pool, USD: `pricePerNodeHour`, else an owned node's capex ÷ amortization
 * + opex, else the catalog price of the purchase option (on-demand when the catalog has none) × perNode.
 */
export function nodePriceUsdPerHour(p: PricedPool): number {
  if (p.pricePerNodeHour !== undefined) return p.pricePerNodeHour;
  if (p.owned) return p.owned.capexUsdPerNode / (p.owned.amortization / 3600) + p.owned.opexUsdPerNodeHour;
  const acc = findAccelerator(p.accelerator);
  if (!acc) return NaN;
  return (acc.prices[p.purchase] ?? acc.prices['on-demand']) * p.perNode;
}
