/** One source for what the metrics mean: METRIC_DEFINITIONS (the app's ⓘ popovers) and the README's metric table say the same. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SUMMARY_KEYS } from '../../sim-engine/metrics/types.js';
import { definitionParts, METRIC_DEFINITIONS } from '../../sim-engine/report/metric-definitions.js';
import { METRIC_ROWS } from '../../sim-engine/report/metric-rows.js';

/** The README's `| key | definition |` table: each row's keys (one or several, in backticks) → its definition. */
function readmeMetricTable(): Map<string, string> {
  const lines = readFileSync('README.md', 'utf8').split('\n');
  const start = lines.indexOf('| key | definition |');
  expect(start, 'README.md has a metric table headed | key | definition |').toBeGreaterThan(0);
  const out = new Map<string, string>();
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const m = /^\| ([^|]+) \| (.+) \|$/.exec(lines[i]!);
    expect(m, `README.md line ${i + 1} is a two-column row`).not.toBeNull();
    const keys = m![1]!.split(',').map((k) => k.trim().replace(/^`(.*)`$/, '$1'));
    for (const k of keys) {
      expect(out.has(k), `${k} is listed once`).toBe(false);
      out.set(k, m![2]!);
    }
  }
  return out;
}

describe('metric definitions', () => {
  test('the README’s metric table lists every summary key with the definition the app shows', () => {
    const readme = readmeMetricTable();
    expect([...readme.keys()].sort()).toEqual([...SUMMARY_KEYS].sort());
    for (const key of SUMMARY_KEYS) expect(readme.get(key), key).toBe(METRIC_DEFINITIONS[key]);
  });

  test('every KPI row carries its definition; definitions fit a Markdown table cell', () => {
    for (const row of METRIC_ROWS) expect(row.definition).toBe(METRIC_DEFINITIONS[row.key]);
    for (const [key, d] of Object.entries(METRIC_DEFINITIONS)) {
      expect(d, key).not.toMatch(/[|\n]/);
      expect(d.split('`').length % 2, `${key}: balanced backticks`).toBe(1);
    }
  });

  test('definitionParts splits the code spans out', () => {
    expect(definitionParts('`a / b`: the share of `c`')).toEqual([{ code: true, text: 'a / b' }, { code: false, text: ': the share of ' }, { code: true, text: 'c' }]);
  });
});
