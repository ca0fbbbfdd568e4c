import { describe, expect, it } from 'vitest';
import { POLICY_COLORS, policyColor } from '../../renderer/charts/series';

describe('policy colours (stable by name)', () => {
  it('gives a first run the palette in order and keeps each name’s colour when policies are removed or reordered', () => {
    const first = ['static-20', 'static-28', 'reactive', 'target'].map((n) => policyColor(`pc-${n}`));
    expect(first).toEqual(POLICY_COLORS.slice(0, 4));
    // A later run without static-28, in another order: nobody is recoloured.
    expect(['target', 'static-20', 'reactive'].map((n) => policyColor(`pc-${n}`))).toEqual([first[3], first[0], first[2]]);
    // A new name takes an unused colour, not one of the four.
    expect(first).not.toContain(policyColor('pc-new'));
  });
});
