import { type CSSVariablesResolver, createTheme, DEFAULT_THEME } from '@mantine/core';
import { blend, nearestReadable } from './theme-contrast';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily:
    'Vazirmatn, "Segoe UI", system-ui, -apple-system, Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif',
  components: {
    // A link inside a sentence must be told apart by more than its colour (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

/**
 * Text must read at 4.5:1 (WCAG AA) on every surface, in both themes. Mantine's defaults do
 * not (teal-6 on white is 2.5:1, dimmed grey 3.3:1, dark-2 on dark-7 4:1), so each colour's
 * variables are replaced by the shade nearest to Mantine's choice that reaches the ratio:
 * text and tinted ("light") variants against the page and the tint, filled ones under white
 * text. The axe-core scan in `e2e/accessibility.e2e.test.ts` checks the result on every page.
 */
const RATIO = 4.6; // a little above 4.5: translucent tints over grey surfaces vary slightly
const WHITE = '#ffffff';
const LIGHT_SURFACES = [WHITE, DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1]];
const DARK_SURFACES = [DEFAULT_THEME.colors.dark[7], DEFAULT_THEME.colors.dark[6]];
/** The tints Mantine makes for the light variant: shade 6 at 10% (light), 15% (dark). */
const LIGHT_TINT = 0.1;
const DARK_TINT = 0.15;

type Variables = Record<string, string>;

function colorVariables(name: string, palette: readonly string[]): { light: Variables; dark: Variables } {
  const lightTint = LIGHT_SURFACES.map((s) => blend(palette[6]!, s, LIGHT_TINT));
  const darkTint = DARK_SURFACES.map((s) => blend(palette[6]!, s, DARK_TINT));
  const lightText = nearestReadable(palette, 6, true, LIGHT_SURFACES, RATIO);
  const darkText = nearestReadable(palette, 4, false, DARK_SURFACES, RATIO);
  const lightFilled = nearestReadable(palette, 6, true, [WHITE], RATIO);
  const darkFilled = nearestReadable(palette, 8, true, [WHITE], RATIO);
  const v = `--mantine-color-${name}`;
  return {
    light: {
      [`${v}-text`]: lightText,
      [`${v}-filled`]: lightFilled,
      [`${v}-filled-hover`]: blend('#000000', lightFilled, 0.12),
      [`${v}-light-color`]: nearestReadable(palette, 6, true, [...lightTint, ...LIGHT_SURFACES], RATIO),
      [`${v}-outline`]: lightText,
    },
    dark: {
      [`${v}-text`]: darkText,
      [`${v}-filled`]: darkFilled,
      [`${v}-filled-hover`]: blend('#000000', darkFilled, 0.12),
      [`${v}-light-color`]: nearestReadable(palette, 3, false, [...darkTint, ...DARK_SURFACES], RATIO),
      [`${v}-outline`]: darkText,
    },
  };
}

const palettes = Object.entries(DEFAULT_THEME.colors).filter(([name]) => name !== 'dark');
const perColor = palettes.map(([name, palette]) => colorVariables(name, palette));
const primary = colorVariables('teal', DEFAULT_THEME.colors.teal);
const { gray, dark, red } = DEFAULT_THEME.colors;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: Object.assign({}, ...perColor.map((c) => c.light), {
    '--mantine-color-dimmed': nearestReadable(gray, 6, true, LIGHT_SURFACES, RATIO),
    '--mantine-color-placeholder': nearestReadable(gray, 5, true, LIGHT_SURFACES, RATIO),
    '--mantine-color-anchor': primary.light['--mantine-color-teal-text'],
    '--mantine-color-error': nearestReadable(red, 6, true, LIGHT_SURFACES, RATIO),
  }),
  dark: Object.assign({}, ...perColor.map((c) => c.dark), {
    '--mantine-color-dimmed': nearestReadable(dark, 2, false, DARK_SURFACES, RATIO),
    '--mantine-color-placeholder': nearestReadable(dark, 3, false, DARK_SURFACES, RATIO),
    '--mantine-color-anchor': primary.dark['--mantine-color-teal-text'],
    '--mantine-color-error': nearestReadable(red, 6, false, DARK_SURFACES, RATIO),
  }),
});
