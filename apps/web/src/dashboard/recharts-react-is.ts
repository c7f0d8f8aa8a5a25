/**
 * recharts 2 asks `react-is` (18, its own copy) whether a child is a Fragment, which fails
 * for React 19 elements (their `$$typeof` changed), so series inside Fragments — how
 * @mantine/charts renders them — were dropped. vite.config.ts hands recharts this instead.
 */
const FRAGMENT = Symbol.for('react.fragment');
const ELEMENTS = new Set([Symbol.for('react.transitional.element'), Symbol.for('react.element')]);

export function isFragment(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const element = value as { $$typeof?: symbol; type?: unknown };
  return element.$$typeof !== undefined && ELEMENTS.has(element.$$typeof) && element.type === FRAGMENT;
}
