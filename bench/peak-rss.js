// Peak RSS of this process in MB: VmHWM (Linux; getrusage's maxRSS would include the RSS of the
// parent it was forked from), else maxRSS. Shared by the scale benches.
import { readFileSync } from 'node:fs';

export function peakRssMb() {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
