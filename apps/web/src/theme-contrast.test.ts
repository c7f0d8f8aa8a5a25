import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver } from './theme';
import { blend, contrast, nearestReadable } from './theme-contrast';

describe('theme contrast', () => {
  it('computes WCAG 2 contrast ratios', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#12b886', '#ffffff')).toBeCloseTo(2.55, 2); // Mantine's teal-6: too light for text
    expect(blend('#000000', '#ffffff', 0.5)).toBe('#808080');
  });

  it('moves along the palette only as far as the ratio needs', () => {
    const teal = DEFAULT_THEME.colors.teal;
    const text = nearestReadable(teal, 6, true, ['#ffffff'], 4.5);
    expect(contrast(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(text, '#ffffff')).toBeLessThan(5.5);
    expect(nearestReadable(DEFAULT_THEME.colors.gray, 9, true, ['#ffffff'], 4.5)).toBe(
      DEFAULT_THEME.colors.gray[9],
    );
  });

  it('gives every colour text that reads on the page, in both themes', () => {
    const { light, dark } = cssVariablesResolver(DEFAULT_THEME);
    for (const [name] of Object.entries(DEFAULT_THEME.colors).filter(([n]) => n !== 'dark')) {
      expect(contrast(light[`--mantine-color-${name}-text`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(light[`--mantine-color-${name}-filled`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(
        contrast(dark[`--mantine-color-${name}-text`]!, DEFAULT_THEME.colors.dark[7]),
      ).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark[`--mantine-color-${name}-filled`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(light['--mantine-color-dimmed']!, DEFAULT_THEME.colors.gray[1])).toBeGreaterThanOrEqual(
      4.5,
    );
    expect(contrast(dark['--mantine-color-dimmed']!, DEFAULT_THEME.colors.dark[6])).toBeGreaterThanOrEqual(
      4.5,
    );
  });
});
