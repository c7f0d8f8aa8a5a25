import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One accessibility problem axe found, in a line a person can act on. */
export interface Violation {
  where: string;
  rule: string;
  impact: string;
  nodes: string[];
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The rules whose outcome can change with the colour scheme alone. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Runs axe-core over what the page shows now and answers its serious and critical
 * violations (contrast included). Moderate and minor ones are advice, not failures.
 * `coloursOnly` runs just the colour rules: for the same page again in the other theme.
 */
export async function seriousViolations(
  page: Page,
  where: string,
  { coloursOnly = false } = {},
): Promise<Violation[]> {
  // Only the violations are needed: axe then skips collecting every passing node.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  // The WCAG 2.2 A/AA rules (axe's best-practice extras are left out, for time).
  const results = await (coloursOnly
    ? builder.withRules(COLOUR_RULES)
    : builder.withTags(WCAG_TAGS)
  ).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      where,
      rule: v.id,
      impact: v.impact ?? '',
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
}

/** What a Persian page must be, whatever it shows; each problem as a line. */
export async function persianProblems(page: Page, where: string): Promise<string[]> {
  return page.evaluate((where) => {
    const problems: string[] = [];
    const html = document.documentElement;
    if (html.dir !== 'rtl') problems.push(`${where}: <html dir="${html.dir}">, not rtl`);

    // Dates and times are picked in the Jalali calendar, never by the browser's Gregorian widget.
    for (const input of Array.from(document.querySelectorAll('input'))) {
      if (['date', 'time', 'datetime-local', 'month', 'week'].includes(input.type)) {
        problems.push(`${where}: a native <input type="${input.type}"> (${input.name || input.id})`);
      }
    }

    // A Latin digit may only stand inside an isolated left-to-right fragment (a phone number
    // in E.164, an email, an API key): <bdi dir="ltr"> (or any element marked dir="ltr") in
    // markup, LRI … PDI (U+2066 … U+2069) in plain strings. See src/i18n/glossary.md.
    const isolated = (node: Node) => Boolean(node.parentElement?.closest('[dir="ltr"]'));
    const outsideIsolates = (text: string) => text.replace(/\u2066[^\u2069]*\u2069/g, '');
    const persianLetters = /[\u0620-\u064A\u066E-\u06D5]/; // letters, not digits
    // A user's own text (a title, a label) sits in a <bdi> and takes its own direction.
    const ownDirection = (element: Element) => Boolean(element.closest('bdi, [dir]:not(html)'));
    const shown = (element: Element | null | undefined) =>
      Boolean(element?.checkVisibility({ opacityProperty: true, visibilityProperty: true })) &&
      (element?.getClientRects().length ?? 0) > 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript') || !shown(parent)) continue;
      // Persian words laid out left to right (a line starting with a Latin token under dir="auto").
      if (persianLetters.test(text) && parent.matches(':dir(ltr)') && !ownDirection(parent)) {
        problems.push(`${where}: Persian text laid out left to right: "${text.trim().slice(0, 80)}"`);
      }
      if (!/[0-9]/.test(outsideIsolates(text)) || isolated(node)) continue;
      problems.push(`${where}: Latin digits in "${text.trim().slice(0, 80)}"`);
    }
    for (const field of Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'),
    )) {
      if (field.type === 'hidden' || field.type === 'password' || !shown(field)) continue;
      if (field.closest('[dir="ltr"]')) continue;
      for (const [what, value] of [
        ['value', field.value],
        ['placeholder', field.placeholder],
      ] as const) {
        if (/[0-9]/.test(outsideIsolates(value))) {
          const label = field.labels?.[0]?.textContent ?? field.name;
          problems.push(`${where}: Latin digits in the ${what} of "${label}": "${value.slice(0, 80)}"`);
        }
      }
    }
    return problems;
  }, where);
}
