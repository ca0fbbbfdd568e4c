// @vitest-environment jsdom
/** The decision log: filtered by the zoom range, every action named. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { DecisionRecord } from '../../sim-engine/metrics/types';
import { changeText, DecisionLog, decisionsInRange } from '../../renderer/views/DecisionLog';
import { fakeRun } from './fake-engine';

afterEach(cleanup);

const d = (timeS: number, action: DecisionRecord['action'], count = 1, component: DecisionRecord['component'] = 'autoscaler'): DecisionRecord => ({ timeS, policy: 'p', component, pool: 'a100', action, count, reason: `why ${timeS}` });

it('names every action', () => {
  expect([d(0, 'add', 2), d(0, 'release'), d(0, 'unfulfilled'), d(0, 'refused', 3), d(0, 'preempt', 1, 'scheduler')].map(changeText)).toEqual(['+2 nodes', '−1 node', '1 request unfulfilled', '3 nodes refused', 'preempted 1 job']);
});

it('shows only the decisions in the zoomed range, and says how many of all', () => {
  const all = [d(60, 'add'), d(600, 'release'), d(1200, 'preempt', 1, 'scheduler'), d(5000, 'add')];
  expect(decisionsInRange(all, [500, 1500]).map((x) => x.timeS)).toEqual([600, 1200]);
  expect(decisionsInRange(all, null)).toHaveLength(4);
  const run = { ...fakeRun('reactive'), decisions: all, decisionCount: 4 };
  const { getByTestId } = render(<DecisionLog runs={[run]} zoom={[500, 1500]} />);
  const rows = Array.from(getByTestId('decision-log').querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));
  expect(rows.map((r) => r.slice(2, 4))).toEqual([['−1 node', 'autoscaler'], ['preempted 1 job', 'scheduler']]);
  expect(getByTestId('decision-log-range').textContent).toMatch(/^2 of 4 decisions in the zoomed range/);
});
