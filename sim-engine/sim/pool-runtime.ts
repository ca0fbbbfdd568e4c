/** A pool at run time: its constants (from the scenario and the catalog) and the live counters the state keeps. */
import { FreeIndex } from '../core/free-index.js';
import type { PoolLimits } from '../policies/types.js';

/** A pool's constants (from the scenario and catalog) and its live counters. */
export interface PoolRuntime extends PoolLimits {
  /** The node count the pool can ever reach under the policy (decides which jobs can never fit). */
  readonly bound: number;
  /** The pool field that sets `bound` under the policy, as rejection reasons name it. */
  readonly boundLimit: 'initial' | 'max';
  readonly reserved: boolean;
  readonly spot: boolean;
  readonly purchase: 'on-demand' | 'spot' | 'reserved' | 'owned';
  /** Mean provisioning delay of a node request (what autoscalers plan ahead by). */
  readonly provisioningMeanS: number;
  /** Nodes billed whether used or not (reserved min, owned nodes, an on-demand commitment). */
  readonly committedNodes: number;
  /** Committed capacity whose use is metered (commitments in results): every node of a reserved or owned pool (∞), a commitment's nodes, or 0. */
  readonly committedUseCap: number;
  /** Price of a committed node-hour (the discounted price of a commitment). */
  readonly committedPriceNodeHourUsd: number;
  readonly acceleratorId: string;
  /** Power per accelerator when busy and when idle on a ready node (W). */
  readonly busyPowerW: number;
  readonly idlePowerW: number;
  /** Relative speed per workload class (WORKLOAD_CLASSES order: training, inference); runtime = duration / speed. */
  readonly speeds: Float64Array;
  readonly priceNodeHourUsd: number;
  /** What a node-hour of this accelerator costs on demand (what committed capacity is compared with). */
  readonly onDemandPriceNodeHourUsd: number;
  /** A node's billed time is rounded up to this (≤ 1 s: billed continuously)… */
  readonly billingGranularityS: number;
  /** …and is at least this. */
  readonly billingMinimumS: number;
  /** Node ids in request order (the pool-local numbering). */
  nodeIds: Int32Array<ArrayBuffer>;
  nodeCount: number;
  /**
   * Free accelerators per node position (-1: not usable): a max tree for first-fit and spread in
   * O(log n), plus per-free-count buckets for best-fit when the run's placement needs them.
   */
  readonly tree: FreeIndex;
  provisioningNodes: number;
  /** Up and billed, including draining nodes. */
  readyNodes: number;
  idleNodes: number;
  failedNodes: number;
  /** Ready nodes under a preemption notice: they finish or lose their jobs, take no new ones. */
  drainingNodes: number;
  /** Provisioning nodes whose request will not be fulfilled (not billed; spot availability, stockouts). */
  unfulfilledNodes: number;
  /** Requests that were not fulfilled so far (what autoscalers see of them). */
  unfulfilledRequests: number;
  busyAcc: number;
  freeAcc: number;
  queuedAcc: number;
  queuedJobs: number;
}

export type PoolConstants = Omit<PoolRuntime, 'nodeIds' | 'nodeCount' | 'tree' | 'provisioningNodes' | 'readyNodes' | 'idleNodes' | 'failedNodes' | 'drainingNodes' | 'unfulfilledNodes' | 'unfulfilledRequests' | 'busyAcc' | 'freeAcc' | 'queuedAcc' | 'queuedJobs'>;

/** A pool with no nodes yet; `freeBuckets`: keep per-free-count buckets in its free index (Placement.needsFreeBuckets). */
export function poolRuntime(c: PoolConstants, freeBuckets = false): PoolRuntime {
  return { ...c, nodeIds: new Int32Array(16), nodeCount: 0, tree: new FreeIndex(Math.max(16, c.initial), c.perNode, freeBuckets), provisioningNodes: 0, readyNodes: 0, idleNodes: 0, failedNodes: 0, drainingNodes: 0, unfulfilledNodes: 0, unfulfilledRequests: 0, busyAcc: 0, freeAcc: 0, queuedAcc: 0, queuedJobs: 0 };
}

/** Nodes requested and not released: provisioning (fulfilled or not), ready (draining included) and in repair. */
export function liveNodes(p: Readonly<PoolRuntime>): number {
  return p.provisioningNodes + p.readyNodes + p.failedNodes;
}
