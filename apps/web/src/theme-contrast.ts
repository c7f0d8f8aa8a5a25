/**
 * Colours that read: WCAG 2 contrast arithmetic, and the search for the shade of a palette
 * nearest to Mantine's own choice that still reaches a contrast ratio on given backgrounds.
 * Pure, so the theme can compute every colour's variables once at start.
 */

type Rgb = readonly [number, number, number];

export function parseHex(hex: string): Rgb {
  const value = hex.replace('#', '');
  const full =
    value.length === 3
      ? value
          .split('')
          .map((c) => c + c)
          .join('')
      : value;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

export function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `a` over `b` at opacity `alpha` (0–1), as the browser paints a translucent colour. */
export function blend(a: string, b: string, alpha: number): string {
  const [x, y] = [parseHex(a), parseHex(b)];
  return toHex([0, 1, 2].map((i) => x[i]! * alpha + y[i]! * (1 - alpha)) as unknown as Rgb);
}

function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio of two opaque colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/**
 * Walks a palette from `start` toward one end (`darker`: up to shade 9, then on to black;
 * otherwise down to shade 0, then to white) in eighth steps, and answers the first colour
 * whose contrast with every background reaches `ratio`.
 */
export function nearestReadable(
  palette: readonly string[],
  start: number,
  darker: boolean,
  backgrounds: readonly string[],
  ratio: number,
): string {
  const path = darker
    ? [...palette.slice(start), '#000000']
    : [...palette.slice(0, start + 1).reverse(), '#ffffff'];
  const reads = (color: string) => backgrounds.every((bg) => contrast(color, bg) >= ratio);
  for (let i = 0; i < path.length - 1; i++) {
    for (let step = 0; step < 8; step++) {
      const candidate = blend(path[i + 1]!, path[i]!, step / 8);
      if (reads(candidate)) return candidate;
    }
  }
  return path[path.length - 1]!;
}
