/**
 * The policy registry (DESIGN.md §10, §12): name → parameter schema + description +
 * factory, for schedulers, placements and autoscalers. Registering a name twice is a
 * programming error and throws, naming the key (`autoscaler/reactive`).
 *
 * `policyRegistry` holds the built-ins, registered below; the scenario schema
 * (`scenarioSchema(registry)`), `fleetlab policies` and the app's editor are derived
 * from it. Tests build their own with `builtinPolicyRegistry()` and register doubles
 * into that instance, leaving the shared one untouched.
 */
import { backlogAutoscaler } from './autoscaling/backlog.js';
import { budgetAutoscaler } from './autoscaling/budget.js';
import { predictiveAutoscaler } from './autoscaling/predictive.js';
import { reactiveAutoscaler } from './autoscaling/reactive.js';
import { scheduledAutoscaler } from './autoscaling/scheduled.js';
import { spotFallbackAutoscaler } from './autoscaling/spot-fallback.js';
import { staticAutoscaler } from './autoscaling/static.js';
import { targetTrackingAutoscaler } from './autoscaling/target-tracking.js';
import { z } from 'zod';
import type { Rng } from '../core/rng.js';
import { POOL_ORDERS, type AutoscalerDefinition, type ParamsSchema, type PlacementDefinition, type PolicyRef, type PoolOrder, type SchedulerDefinition } from './definition.js';
import { bestFitPlacement } from './placement/best-fit.js';
import { firstFitPlacement } from './placement/first-fit.js';
import { spreadPlacement } from './placement/spread.js';
import { easyBackfillScheduler } from './scheduling/easy-backfill.js';
import { fairShareScheduler } from './scheduling/fair-share.js';
import { fifoScheduler } from './scheduling/fifo.js';
import { priorityScheduler } from './scheduling/priority.js';
import { sjfScheduler } from './scheduling/sjf.js';
import type { Autoscaler, Placement, Scheduler } from './types.js';

/** The scheduler of policies that name none and of scenarios without a top-level `scheduler`. */
export const DEFAULT_SCHEDULER = 'fifo';
/** The placement of schedulers that name none. */
export const DEFAULT_PLACEMENT = 'first-fit';

type Entry = { readonly name: string };

function register<T extends Entry>(map: Map<string, T>, component: string, def: T): void {
  const key = `${component}/${def.name}`;
  if (map.has(def.name)) throw new Error(`policy registry: ${key} is registered twice`);
  map.set(def.name, def);
}

function lookup<T extends Entry>(map: Map<string, T>, component: string, name: string): T {
  const def = map.get(name);
  if (!def) throw new Error(`policy registry: no ${component}/${name}`);
  return def;
}

/** Split a parsed `{ kind, ...params }` into the params a factory takes. */
function paramsOf(ref: PolicyRef): Record<string, unknown> {
  const { kind: _kind, ...params } = ref;
  return params;
}

export class PolicyRegistry {
  private readonly schedulerMap = new Map<string, SchedulerDefinition>();
  private readonly placementMap = new Map<string, PlacementDefinition>();
  private readonly autoscalerMap = new Map<string, AutoscalerDefinition>();

  registerScheduler<S extends ParamsSchema>(def: SchedulerDefinition<S>): this {
    register(this.schedulerMap, 'scheduler', def as unknown as SchedulerDefinition);
    return this;
  }

  registerPlacement<S extends ParamsSchema>(def: PlacementDefinition<S>): this {
    register(this.placementMap, 'placement', def as unknown as PlacementDefinition);
    return this;
  }

  registerAutoscaler<S extends ParamsSchema>(def: AutoscalerDefinition<S>): this {
    register(this.autoscalerMap, 'autoscaler', def as unknown as AutoscalerDefinition);
    return this;
  }

  /** In registration order. */
  get schedulers(): readonly SchedulerDefinition[] {
    return [...this.schedulerMap.values()];
  }

  get placements(): readonly PlacementDefinition[] {
    return [...this.placementMap.values()];
  }

  get autoscalers(): readonly AutoscalerDefinition[] {
    return [...this.autoscalerMap.values()];
  }

  scheduler(name: string): SchedulerDefinition | undefined {
    return this.schedulerMap.get(name);
  }

  placement(name: string): PlacementDefinition | undefined {
    return this.placementMap.get(name);
  }

  autoscaler(name: string): AutoscalerDefinition | undefined {
    return this.autoscalerMap.get(name);
  }

  /**
   * A scheduler's full parameter schema: `placement` (a registered placement, default
   * first-fit) and `poolOrder` (default fleet), then its own. The scenario schema,
   * `fleetlab policies` and the app's editor all read this one.
   */
  schedulerParams(def: SchedulerDefinition): ParamsSchema {
    const names = this.placements.map((p) => p.name) as [string, ...string[]];
    return z.strictObject({
      placement: z.enum(names).default(DEFAULT_PLACEMENT).describe('where in a pool a job goes'),
      poolOrder: z.enum(POOL_ORDERS).default('fleet').describe('which pool a job tries first: fleet order, cheapest per accelerator-hour, or fastest for its workload class'),
      ...def.params.shape,
    });
  }

  /** A scheduler's definition as the scenario, `fleetlab policies` and the editor see it: with its full parameters. */
  schedulerWithParams(def: SchedulerDefinition): Omit<SchedulerDefinition, 'create'> {
    return { name: def.name, description: def.description, params: this.schedulerParams(def), ...(def.validate ? { validate: def.validate } : {}) };
  }

  /** From a parsed scenario reference (`{ kind, ...params }`, defaults applied) to a scheduler; `rng` is the run's scheduler substream. */
  createScheduler(ref: PolicyRef, rng?: Rng): Scheduler {
    const def = lookup(this.schedulerMap, 'scheduler', ref.kind);
    const { placement, poolOrder, ...own } = paramsOf(ref);
    const placementRef = { kind: typeof placement === 'string' ? placement : DEFAULT_PLACEMENT };
    return def.create(own, { placement: this.createPlacement(placementRef), poolOrder: (poolOrder as PoolOrder | undefined) ?? 'fleet', ...(rng ? { rng } : {}) });
  }

  createPlacement(ref: PolicyRef): Placement {
    return lookup(this.placementMap, 'placement', ref.kind).create(paramsOf(ref));
  }

  createAutoscaler(ref: PolicyRef): Autoscaler {
    return lookup(this.autoscalerMap, 'autoscaler', ref.kind).create(paramsOf(ref));
  }
}

/**
 * A fresh registry holding the built-in policies (one line per policy). Wrappers (budget)
 * take the registry itself, to parse and build the policy they wrap.
 */
export function builtinPolicyRegistry(): PolicyRegistry {
  const registry = new PolicyRegistry()
    .registerScheduler(fifoScheduler)
    .registerScheduler(sjfScheduler)
    .registerScheduler(easyBackfillScheduler)
    .registerScheduler(priorityScheduler)
    .registerScheduler(fairShareScheduler)
    .registerPlacement(firstFitPlacement)
    .registerPlacement(bestFitPlacement)
    .registerPlacement(spreadPlacement)
    .registerAutoscaler(staticAutoscaler)
    .registerAutoscaler(reactiveAutoscaler)
    .registerAutoscaler(targetTrackingAutoscaler)
    .registerAutoscaler(backlogAutoscaler)
    .registerAutoscaler(scheduledAutoscaler)
    .registerAutoscaler(predictiveAutoscaler)
    .registerAutoscaler(spotFallbackAutoscaler);
  return registry.registerAutoscaler(budgetAutoscaler(registry));
}

/** The registry scenarios are parsed and run with. */
export const policyRegistry = builtinPolicyRegistry();
