/**
 * The README's markdown is well formed (issue 10, defect 10: a code block after the
 * `npm run dist` line was closed by a fence with text after it, so the rest of the page
 * rendered as code): every fence is alone on its line, and fences pair up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

test('every code fence is on a line of its own (an info string only on an opening one), and they pair up', () => {
  let open = false;
  const bad: string[] = [];
  README.split('\n').forEach((line, i) => {
    if (!line.includes('```')) return;
    const m = /^(\s*)```([\w+-]*)\s*$/.exec(line);
    if (!m || (open && m[2] !== '')) bad.push(`README.md:${i + 1}: ${line}`);
    open = !open;
  });
  expect(bad).toEqual([]);
  expect(open).toBe(false);
});

test('the paragraph after the desktop commands is prose, not code', () => {
  const after = README.slice(README.indexOf('npm run dist'));
  const close = after.indexOf('\n```\n');
  expect(close).toBeGreaterThan(0);
  expect(after.slice(close + 5).trimStart().startsWith('On machines where the Electron binary cannot be downloaded')).toBe(true);
});
