/** Structure limits of the engine that later work must keep (issue 7's "done when"). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const lines = (p: string) => readFileSync(p, 'utf8').split('\n').length;

test('no .ts file under sim-engine/ (cli/ and worker/ included) is over 500 lines', () => {
  const files = tsFiles('sim-engine');
  expect(files.length).toBeGreaterThan(50);
  expect(files.filter((f) => lines(f) > 500).map((f) => `${f}: ${lines(f)} lines`)).toEqual([]);
});

test('the simulation facade stays thin (< 400 lines) and the kernel stays domain-free', () => {
  expect(lines('sim-engine/sim/simulation.ts')).toBeLessThan(400);
  const kernel = readFileSync('sim-engine/sim/kernel.ts', 'utf8');
  expect(kernel.match(/^import .*$/gm)).toEqual([`import { EventClass, EventQueue } from '../core/event-queue.js';`]);
});
