/** Tiny policies for registry tests (STYLE.md §4: do-nothing policies make good test doubles). */
import { z } from 'zod';
import type { AutoscalerDefinition } from '../../sim-engine/policies/definition.js';
import { builtinPolicyRegistry } from '../../sim-engine/policies/registry.js';
import { PosDuration } from '../../sim-engine/scenario/fields.js';

const holdParams = z.strictObject({
  every: PosDuration.prefault('5m').describe('how often it looks'),
  mode: z.enum(['quiet', 'loud']).default('quiet'),
  dryRun: z.boolean().default(false),
});

/** Never adds or releases a node; wakes every `every`. */
export const holdAutoscaler: AutoscalerDefinition<typeof holdParams> = {
  name: 'hold',
  description: 'Test double: ticks and never changes the fleet.',
  params: holdParams,
  create: (p) => ({ name: 'hold', capacityBound: (pool) => ({ nodes: pool.initial, limit: 'initial' }), firstWakeS: () => p.every, decide: (view) => view.now + p.every, mayStillAct: () => false }),
};

/** The built-ins plus `hold`, in a registry of its own (the shared `policyRegistry` stays untouched). */
export const registryWithHold = () => builtinPolicyRegistry().registerAutoscaler(holdAutoscaler);
