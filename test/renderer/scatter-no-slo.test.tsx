// @vitest-environment jsdom
/** Without an SLO the scatter says so instead of plotting every policy at 100%. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { CostAvailabilityScatter } from '../../renderer/charts/CostAvailabilityScatter';

afterEach(cleanup);

it('explains the missing SLO and draws no points when no policy has an availability', () => {
  const { queryByTestId, container } = render(<CostAvailabilityScatter points={[{ key: 'a', label: 'a', color: '#111', cost: 10, availability: null }, { key: 'b', label: 'b', color: '#222', cost: 12, availability: null }]} gridColor="#eee" />);
  expect(queryByTestId('scatter-no-slo')!.textContent).toMatch(/No SLO set/);
  expect(container.querySelectorAll('circle')).toHaveLength(0);
  cleanup();
  const withSlo = render(<CostAvailabilityScatter points={[{ key: 'a', label: 'a', color: '#111', cost: 10, availability: 0.9 }]} gridColor="#eee" />);
  expect(withSlo.queryByTestId('scatter-no-slo')).toBeNull();
  expect(withSlo.container.querySelectorAll('circle')).toHaveLength(1);
});
