/** Scenario text problems (issue 12), shared by the loader's test and the app editor's: [what, text, the one expected line]. */
import { MAX_ALIAS_COUNT } from '../../sim-engine/scenario/yaml-text.js';

/** Nine aliases of nine aliases of …: 9^levels values from a few hundred bytes. */
export function aliasBomb(levels: number): string {
  const lines = ['name: bomb', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

export const TEXT_CASES: [string, string, string][] = [
  ['an alias bomb (9 levels: 387M values from 700 bytes)', aliasBomb(9), `x.yaml:3:10: aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions, as in a "billion laughs" document): write the values out instead`],
  ['a duplicate key in YAML, at the duplicate', 'name: a\nseed: 1\nname: b\n', 'x.yaml:3:1: Map keys must be unique'],
  ['a duplicate key in JSON, at the duplicate', '{"name": "a",\n "seed": 1,\n "name": "b"}\n', 'x.yaml:3:2: Map keys must be unique'],
  ['a duplicate key deep in the fleet', 'name: a\nfleet:\n  pools:\n    - name: p\n      perNode: 8\n      perNode: 4\n', 'x.yaml:6:7: Map keys must be unique'],
];

