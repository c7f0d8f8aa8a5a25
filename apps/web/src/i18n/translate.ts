import type { MessageKey, Messages } from './en';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/**
 * Looks a key up and fills `{name}` placeholders; numbers go through `formatNumber` so
 * Persian text gets Persian digits. An unknown placeholder is left as written.
 */
export function translate(
  messages: Messages,
  key: MessageKey,
  vars: Vars | undefined,
  formatNumber: (n: number) => string,
): string {
  const template = messages[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}
