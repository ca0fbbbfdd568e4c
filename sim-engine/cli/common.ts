/**
 * What every `fleetlab` command shares and `main.ts` needs before it knows the command: the
 * output sinks, the bad-input error, and the built-in scenarios. Only Node built-ins here, so
 * `fleetlab --help` loads nothing heavy (the commands import their machinery lazily).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Bad input: printed as-is (already `PATH:LINE: message` lines), exit 2. */
export class BadInput extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'BadInput';
  }
}

/** The repository's (or installed package's) scenarios/ folder. */
export function scenariosDir(): string {
  // dist/sim-engine/cli/common.js or the bundle's dist/sim-engine/cli-bundle/*.mjs → ../../../scenarios ;
  // sim-engine/cli/common.ts (tests) → ../../scenarios
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../scenarios', '../../scenarios']) {
    const dir = resolve(here, up);
    if (existsSync(join(dir, 'default.yaml'))) return dir;
  }
  return resolve(here, '../../../scenarios');
}

/** A scenario argument: a file path, or the name of a built-in (`default`, `mmc`, `bursty`). */
export function resolveScenarioPath(arg: string | undefined): string {
  if (arg === undefined) return join(scenariosDir(), 'default.yaml');
  if (existsSync(arg)) return arg;
  if (!/[\\/]/.test(arg) && !/\.(ya?ml|json)$/i.test(arg)) {
    const builtin = join(scenariosDir(), `${arg}.yaml`);
    if (existsSync(builtin)) return builtin;
  }
  return arg;
}

export function builtinScenarioNames(): string[] {
  const dir = scenariosDir();
  return ['default', 'mmc', 'bursty', 'philly', 'spot-mix', 'failures-checkpoints', 'reserved-vs-on-demand', 'heterogeneous', 'spot-fallback', 'autoscalers', 'schedulers'].filter((n) => existsSync(join(dir, `${n}.yaml`)));
}
