/**
 * Property and fuzz tests over every importer: random bytes and mutated real rows never throw
 * or hang, results are internally consistent, and splitting the text into chunks of any size
 * gives the same result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createImporter, importText, sniffFormat, textFormats, type ImportResult } from '../../sim-engine/traces/index.js';
import { samples } from './samples.js';

// Fixed seed: CI must be reproducible. Set FLEETLAB_FUZZ_SEED to explore other inputs locally.
fc.configureGlobal({ seed: Number(process.env['FLEETLAB_FUZZ_SEED'] ?? 20261128) });

const SAMPLES = samples();
const RUNS = 60;

function consistent(r: ImportResult): void {
  expect(r.issues.length).toBeLessThanOrEqual(20);
  expect(r.issueCount).toBeGreaterThanOrEqual(r.issues.length);
  expect(r.skipped).toBeLessThanOrEqual(r.issueCount);
  if (r.table.kind === 'jobs' || r.table.kind === 'requests') expect(r.table.length).toBe(r.records);
  if (r.table.kind === 'jobs') {
    for (let i = 0; i < r.table.length; i++) {
      expect(r.table.durationS[i]).toBeGreaterThanOrEqual(0);
      expect(r.table.accelerators[i]).toBeGreaterThanOrEqual(1);
    }
  }
  if (r.records === 0) expect(r.fatal).toBeDefined();
  for (const i of [...r.issues, ...(r.fatal ? [r.fatal] : [])]) {
    expect(i.line).toBeGreaterThanOrEqual(0);
    expect(i.message).toMatch(/\(got .*\)\.{0,3}$/s);
  }
}

/** Feeds `text` in pieces cut at the given (sorted, deduplicated) offsets. */
function importCut(format: string, text: string, cuts: number[]): ImportResult {
  const points = [...new Set(cuts.map((c) => Math.min(text.length, c)))].sort((a, b) => a - b);
  let chunks: string[] = [];
  let prev = 0;
  for (const p of points) { chunks.push(text.slice(prev, p)); prev = p; }
  chunks.push(text.slice(prev));
  chunks = chunks.filter((c) => c.length > 0);
  // importText with chunkSize can't express uneven cuts: go through the registry directly.
  return feed(format, chunks);
}

function feed(format: string, chunks: string[]): ImportResult {
  const imp = createImporter(format, {});
  if ('error' in imp) throw new Error(imp.error);
  for (const c of chunks) imp.push(c);
  return imp.end();
}

const mutation = fc.record({
  pos: fc.nat(),
  op: fc.constantFrom('replace', 'insert', 'delete'),
  ch: fc.constantFrom(',', '"', '\n', '\r', ';', '-', 'x', '0', '9', '{', '}', ' ', '\t', '.', 'e', '|', ''),
});

function mutate(text: string, ms: { pos: number; op: string; ch: string }[]): string {
  let t = text;
  for (const m of ms) {
    const p = t.length === 0 ? 0 : m.pos % t.length;
    if (m.op === 'replace') t = t.slice(0, p) + m.ch + t.slice(p + 1);
    else if (m.op === 'insert') t = t.slice(0, p) + m.ch + t.slice(p);
    else t = t.slice(0, p) + t.slice(p + 1);
  }
  return t;
}

describe('every format', () => {
  it('has a sample', () => {
    for (const f of textFormats()) expect(SAMPLES.some((s) => s.format === f)).toBe(true);
  });

  it('sniffing recognises every sample (header-less ones by file name)', () => {
    const names: Record<string, string> = { 'alibaba-pai-2020': 'pai_task_table.csv', 'alibaba-pai-machines': 'pai_machine_spec.csv', swf: 'x.swf' };
    for (const s of SAMPLES) expect(sniffFormat(s.text.slice(0, 4096), names[s.format] ?? 'trace.csv')).toEqual({ format: s.format });
    // Content decides for files with a header, whatever the name.
    for (const s of SAMPLES.filter((x) => !(x.format in names))) expect(sniffFormat(s.text.slice(0, 4096))).toEqual({ format: s.format });
  });

  for (const s of SAMPLES) {
    it(`${s.format} sample: records + skipped + filtered = rows (${s.rows})`, () => {
      const r = importText(s.format, s.text);
      expect(r.fatal).toBeUndefined();
      expect(r.records + r.skipped + r.filtered).toBe(s.rows);
      consistent(r);
    });
  }
});

describe('fuzz: random input never throws', () => {
  for (const f of textFormats()) {
    it(`${f}: random text and bytes`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 400 }),
            fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b)),
            fc.array(fc.constantFrom('1', '-1', ',', '"', '\n', ';', ' ', 'a', '{', '}', ':', '2020-01-01 00:00:00', 'nan'), { maxLength: 200 }).map((a) => a.join('')),
          ),
          fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
          (text, cuts) => {
            const r = importCut(f, text, cuts);
            consistent(r);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});

describe('mutated real rows: no throw, chunk-boundary independence', () => {
  for (const s of SAMPLES) {
    it(`${s.format} (${s.rows} rows)`, () => {
      fc.assert(
        fc.property(fc.array(mutation, { maxLength: 6 }), fc.array(fc.nat({ max: s.text.length + 10 }), { minLength: 1, maxLength: 8 }), (ms, cuts) => {
          const text = mutate(s.text, ms);
          const whole = feed(s.format, [text]);
          consistent(whole);
          const cut = importCut(s.format, text, cuts);
          expect(cut).toEqual(whole);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('one character at a time equals one chunk (all samples)', () => {
    for (const s of SAMPLES) {
      expect(feed(s.format, [...s.text])).toEqual(feed(s.format, [s.text]));
    }
  });
});

describe('regressions found by fuzzing', () => {
  it('an accelerator count beyond int32 is an out-of-range issue, not a job with 0 accelerators', () => {
    const swf = '1 0 0 100 1e28 -1 -1 1 -1 -1 1 1 1 -1 1 1 -1 -1\n2 0 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 1 1 -1 -1\n';
    const r = importText('swf', swf);
    expect(r.records).toBe(1);
    expect(r.issues[0]).toMatchObject({ line: 1, code: 'out-of-range' });
    const philly = 'timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-02 00:00:00,60,1e12,0,vc\n2017-10-02 00:00:01,60,2,0,vc\n';
    const p = importText('philly', philly);
    expect(p.records).toBe(1);
    expect(p.issues[0]).toMatchObject({ line: 2, code: 'out-of-range' });
  });
});
