/** Shared test helpers: run the CLI in-process and capture its output. */
import { main } from '../sim-engine/cli/main.js';

export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/**
 * An M/M/24 scenario at ρ = 0.8 (19.2 single-accelerator jobs an hour, 1 h mean, 24 servers) over
 * `horizon`: the CLI tests that need a run of a given length (19.2 × 24 = ~460 jobs a simulated day).
 */
export function mm24Scenario(name: string, horizon: string, sampleEvery: string): string {
  return `name: ${name}
seed: 1
horizon: ${horizon}
sampleEvery: ${sampleEvery}
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 19.2 }
    accelerators: 1
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - { name: servers, accelerator: nvidia-a100-80gb, perNode: 1, initial: 24, max: 24 }
policies:
  - { name: c=24, autoscaler: { kind: static } }
`;
}
