import type { Direction } from '../i18n/language';

/**
 * The axes of every time chart: time runs with the text, right to left in Persian (the
 * newest on the left) and left to right in English, with the value axis at the start side
 * and every tick in the reader's digits. The chart itself sits in a `dir="ltr"` box, since
 * SVG text anchors follow the document's direction and recharts places them for LTR.
 */
export function timeChartAxes(dir: Direction, formatNumber: (n: number) => string) {
  const rtl = dir === 'rtl';
  return {
    xAxisProps: { reversed: rtl },
    yAxisProps: {
      width: 48,
      orientation: rtl ? ('right' as const) : ('left' as const),
      tickFormatter: formatNumber,
    },
  };
}
