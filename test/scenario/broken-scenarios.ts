/**
 * The default scenario broken one way per row, with the one problem the loader reports for
 * it (issue 10, defect 8), lines and columns as in scenarios/default.yaml: shared by the loader's table test and the app's, which checks
 * that its quick check finds the same problems in the same words.
 */

/** `base` (scenarios/default.yaml, read by the caller) with `from` replaced by `to` (once; `from` must be there). */
export function breakScenario(base: string, from: string, to: string): string {
  if (!base.includes(from)) throw new Error(`default.yaml has no ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

/** [class, edit (from → to), the one expected line]. */
export const CASES: [string, string, string, string][] = [
  // The field is named once: by the path.
  ['field named once', 'horizon: 7d', 'horizon: abc', 'x.yaml:11:10: horizon: must be a positive duration such as "7d", or drain (got "abc")'],
  ['field named once', 'initial: 20', 'initial: -1', 'x.yaml:27:16: fleet.pools[0].initial: must be a whole number ≥ 0 (got -1)'],
  ['field named once', 'ratePerHour: 40', 'ratePerHour: -1', 'x.yaml:18:48: workload[0].arrivals.ratePerHour: must be > 0 (got -1)'],
  ['field named once', 'warmup: 1d', 'warmup: 8d', 'x.yaml:12:9: warmup: must be < horizon (7d) (got 8d)'],
  ['field named once', 'tick: 60s', 'tick: -60s', 'x.yaml:41:89: policies[2].autoscaler.tick: must be > 0 (got -60)'],
  ['field named once', 'slo: { maxQueueWait: 30m }', 'slo: { maxQueueWait: 30m, availabilityTarget: 2 }', 'x.yaml:14:47: slo.availabilityTarget: must be in (0, 1], e.g. 0.95 (got 2)'],
  // zod's invalid_type, too_small, invalid_value, unrecognized_keys, invalid_union in plain words.
  ['required', 'name: Training fleet, one week\n', '', 'x.yaml:5:1: name: required'],
  ['required', 'horizon: 7d\n', '', 'x.yaml:5:1: horizon: required'],
  ['required', 'seed: 42\n', '', 'x.yaml:5:1: seed: required'],
  ['required', 'perNode: 8\n      ', '', 'x.yaml:23:7: fleet.pools[0].perNode: required'],
  ['required', 'duration: { dist: lognormal, median: 30m, sigma: 1.2 }', 'duration: { dist: lognormal, median: 30m }', 'x.yaml:20:15: workload[0].duration.sigma: required'],
  ['expected a type', 'initial: 20', 'initial: abc', 'x.yaml:27:16: fleet.pools[0].initial: must be a whole number (got "abc")'],
  ['expected a type', 'ratePerHour: 40', 'ratePerHour: abc', 'x.yaml:18:48: workload[0].arrivals.ratePerHour: must be a number (got "abc")'],
  ['expected a type', 'name: static-20', 'name: 5', 'x.yaml:33:11: policies[0].name: expected text (got 5)'],
  ['expected a type', 'slo: { maxQueueWait: 30m }', 'slo: 30m', 'x.yaml:14:6: slo: expected a mapping (got "30m")'],
  ['expected a type', 'scaleUpAfterWait: 10m', 'scaleUpAfterWait: true', 'x.yaml:41:53: policies[2].autoscaler.scaleUpAfterWait: expected a duration such as 90, "90s", "15m", "6h" or "7d" (got true)'],
  ['too small', 'name: Training fleet, one week', "name: ''", 'x.yaml:5:7: name: must not be empty'],
  ['too small', 'perNode: 8', 'perNode: 0', 'x.yaml:25:16: fleet.pools[0].perNode: must be a whole number ≥ 1 (got 0)'],
  ['enum', 'purchase: on-demand', 'purchase: ondemand', 'x.yaml:26:17: fleet.pools[0].purchase: must be one of on-demand, spot, reserved, owned (got "ondemand") — did you mean "on-demand"?'],
  ['enum', 'seed: 42', 'seed: 42\nstartsOn: mond', 'x.yaml:11:11: startsOn: must be one of mon, tue, wed, thu, fri, sat, sun (got "mond") — did you mean "mon"?'],
  ['enum', 'process: poisson', 'process: poison', 'x.yaml:18:26: workload[0].arrivals.process: must be poisson (got "poison") — did you mean "poisson"?'],
  ['unknown key', 'scaleUpAfterWait: 10m', 'scaleUpAfterWat: 10m', 'x.yaml:41:35: policies[2].autoscaler.scaleUpAfterWat: unknown key "scaleUpAfterWat" — did you mean "scaleUpAfterWait"?'],
  ['unknown key', 'seed: 42', 'seed: 42\nsed: 1', 'x.yaml:11:1: sed: unknown key "sed" — did you mean "seed"?'],
  // A value that is there is quoted; "nothing" never stands for it.
  ['unknown kind', 'kind: reactive,', 'kind: reactiv,', 'x.yaml:41:25: policies[2].autoscaler.kind: unknown autoscaler kind "reactiv" — did you mean "reactive"?'],
  ['unknown kind', 'kind: reactive,', 'kind: 5,', 'x.yaml:41:25: policies[2].autoscaler.kind: unknown autoscaler kind 5 (expected one of: static, reactive, target-tracking, backlog, scheduled, predictive, spot-fallback, budget)'],
  ['unknown kind', 'autoscaler: { kind: static }', 'autoscaler: { }', 'x.yaml:35:17: policies[0].autoscaler.kind: required: one of static, reactive, target-tracking, backlog, scheduled, predictive, spot-fallback, budget'],
  ['unknown kind', 'kind: synthetic', 'kind: synthetc', 'x.yaml:16:11: workload[0].kind: unknown workload kind "synthetc" — did you mean "synthetic"?'],
  ['unknown kind', 'dist: lognormal, median: 30m', 'dist: lognormall, median: 30m', 'x.yaml:20:23: workload[0].duration.dist: unknown distribution "lognormall" — did you mean "lognormal"?'],
  ['unknown kind', 'scheduler: fifo', 'scheduler: { kind: fifoo }', 'x.yaml:31:20: scheduler.kind: unknown scheduler kind "fifoo" — did you mean "fifo"?'],
  // Infinite and huge values: a number or "more than N", never ∞; huge whole numbers are too large.
  ['infinite', 'horizon: 7d', 'horizon: .inf', 'x.yaml:11:10: horizon: must be a positive duration such as "7d", or drain (got Infinity)'],
  ['infinite', 'ratePerHour: 40', 'ratePerHour: 1e400', 'x.yaml:18:48: workload[0].arrivals.ratePerHour: must be a finite number (got Infinity)'],
  ['infinite', 'sampleEvery: 5m', 'sampleEvery: .inf', 'x.yaml:13:14: sampleEvery: expected a duration such as 90, "90s", "15m", "6h" or "7d" (got Infinity)'],
  ['samples', 'sampleEvery: 5m', 'sampleEvery: 1e-300', 'x.yaml:13:14: sampleEvery: too small for the horizon (7d): it would take more than 1,000,000,000,000 samples per pool, at most 1,000,000 are allowed (got 1e-300s)'],
  ['samples', 'sampleEvery: 5m', 'sampleEvery: 0.1', 'x.yaml:13:14: sampleEvery: too small for the horizon (7d): it would take 6,048,000 samples per pool, at most 1,000,000 are allowed (got 0.1s)'],
  ['samples', 'horizon: 7d', 'horizon: 1e300', 'x.yaml:13:14: sampleEvery: too small for the horizon (1.00e+300s): it would take more than 1,000,000,000,000 samples per pool, at most 1,000,000 are allowed (got 5m)'],
  ['samples', 'sampleEvery: 5m', 'sampleEvery: 0', 'x.yaml:13:14: sampleEvery: must be > 0 (got 0)'],
  ['huge whole number', 'seed: 42', 'seed: 1e21', 'x.yaml:10:7: seed: too large: at most 9,007,199,254,740,991 (got 1e+21)'],
  ['huge whole number', 'max: 48', 'max: 1e21', 'x.yaml:29:12: fleet.pools[0].max: too large: at most 2,147,483,647 (got 1e+21)'],
  ['huge whole number', 'initial: 20', 'initial: 1e21', 'x.yaml:27:16: fleet.pools[0].initial: too large: at most 2,147,483,647 (got 1e+21)'],
  ['huge whole number', 'nodes: { a100: 28 }', 'nodes: { a100: 1e21 }', 'x.yaml:38:48: policies[1].autoscaler.nodes.a100: nodes is too large: at most 2,147,483,647 (got 1e+21)'],
  ['not whole', 'seed: 42', 'seed: 4.5', 'x.yaml:10:7: seed: must be a whole number (got 4.5)'],
];

