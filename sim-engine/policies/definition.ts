/**
 * What a policy registers (DESIGN.md §10, §12): its name as a scenario writes it, a
 * one-line description, a zod schema of its parameters (with their defaults) and a
 * factory. The scenario schema, `fleetlab policies` and the app's policy editor are all
 * derived from these entries, so a new policy is one file plus one registration line.
 */
import { z } from 'zod';
import type { Rng } from '../core/rng.js';
import type { PricedPool } from '../model/catalog.js';
import type { Autoscaler, Placement, Scheduler } from './types.js';

/** A policy's parameters: a strict zod object (unknown keys are errors), defaults inside. */
export type ParamsSchema = z.ZodObject<z.core.$ZodShape, z.core.$strict>;

/** A parsed policy reference: `{ kind: NAME, ...params }` with the defaults applied. */
export type PolicyRef = { kind: string } & Record<string, unknown>;

/** What a policy's cross-field check sees of the scenario (the fleet as parsed). */
export interface PolicyContext {
  readonly poolNames: readonly string[];
  readonly pools: readonly ({ readonly name: string; readonly initial: number; readonly min: number; readonly max?: number | undefined } & Partial<PricedPool>)[];
}

/** An issue a policy's `validate` reports; `path` is relative to the policy's parameters. */
export interface PolicyIssue {
  path: (string | number)[];
  message: string;
  /** `didYouMean: candidates` makes the loader add a "did you mean" hint. */
  params?: { didYouMean?: string[] };
}

export interface PolicyDefinition<S extends ParamsSchema, R> {
  /** Exactly what a scenario writes (`kind: NAME`, or a scheduler's bare NAME). */
  readonly name: string;
  /** One line, shown by `fleetlab policies` and as the editor's hint. */
  readonly description: string;
  readonly params: S;
  create(params: z.output<S>): R;
  /** Cross-field checks against the rest of the scenario (e.g. pool names); runs after the params parsed. */
  validate?(params: z.output<S>, ctx: PolicyContext, addIssue: (issue: PolicyIssue) => void): void;
}

/**
 * How a scheduler tries pools for a job (scheduler parameter `poolOrder`): in fleet order,
 * cheapest price per accelerator-hour first, or fastest for the job's workload class first
 * (ties in fleet order).
 */
export const POOL_ORDERS = ['fleet', 'cheapest', 'fastest'] as const;
export type PoolOrder = (typeof POOL_ORDERS)[number];

/**
 * What every scheduler gets besides its own parameters: its placement and pool order
 * (`placement`, `poolOrder`), and in a run its own random substream (`rng`, forked by
 * createSimulation; absent outside a run, e.g. in `fleetlab policies`). A scheduler that
 * needs randomness and gets no rng throws: there is no default seed.
 */
export interface SchedulerContext {
  readonly placement: Placement;
  readonly poolOrder: PoolOrder;
  readonly rng?: Rng;
}

/** A scheduler: its own parameters, plus `placement` and `poolOrder`, which the registry adds to every scheduler's schema. */
export interface SchedulerDefinition<S extends ParamsSchema = ParamsSchema> extends Omit<PolicyDefinition<S, Scheduler>, 'create'> {
  create(params: z.output<S>, ctx: SchedulerContext): Scheduler;
}
export type AutoscalerDefinition<S extends ParamsSchema = ParamsSchema> = PolicyDefinition<S, Autoscaler>;

/** Where in a pool a scheduler puts a job (`Scheduler.placement`). */
export type PlacementDefinition<S extends ParamsSchema = ParamsSchema> = PolicyDefinition<S, Placement>;

/** The parameters of a policy that takes none. */
export const noParams = (): z.ZodObject<Record<never, never>, z.core.$strict> => z.strictObject({});
