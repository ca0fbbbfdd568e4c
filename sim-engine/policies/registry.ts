/** Maps policy names to factories. Registering a name twice is a programming error and throws. */
import type { AutoscalerSpec } from '../scenario/schema.js';
import { createReactiveAutoscaler } from './autoscaling/reactive.js';
import { createStaticAutoscaler } from './autoscaling/static.js';
import { createFifoScheduler } from './scheduling/fifo.js';
import type { Autoscaler, Scheduler } from './types.js';

type AutoscalerFactory = (spec: AutoscalerSpec) => Autoscaler;
type SchedulerFactory = () => Scheduler;

const autoscalers = new Map<string, AutoscalerFactory>();
const schedulers = new Map<string, SchedulerFactory>();

export function registerAutoscaler(kind: string, factory: AutoscalerFactory): void {
  const key = `autoscaler/${kind}`;
  if (autoscalers.has(key)) throw new Error(`policy registry: ${key} is registered twice`);
  autoscalers.set(key, factory);
}

export function registerScheduler(name: string, factory: SchedulerFactory): void {
  const key = `scheduler/${name}`;
  if (schedulers.has(key)) throw new Error(`policy registry: ${key} is registered twice`);
  schedulers.set(key, factory);
}

export function createAutoscaler(spec: AutoscalerSpec): Autoscaler {
  const f = autoscalers.get(`autoscaler/${spec.kind}`);
  if (!f) throw new Error(`policy registry: no autoscaler/${spec.kind}`);
  return f(spec);
}

export function createScheduler(name: string): Scheduler {
  const f = schedulers.get(`scheduler/${name}`);
  if (!f) throw new Error(`policy registry: no scheduler/${name}`);
  return f();
}

registerAutoscaler('static', () => createStaticAutoscaler());
registerAutoscaler('reactive', (spec) => {
  if (spec.kind !== 'reactive') throw new Error('unreachable');
  return createReactiveAutoscaler(spec);
});
registerScheduler('fifo', createFifoScheduler);
