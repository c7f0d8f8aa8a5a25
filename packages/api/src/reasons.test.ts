import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASON_CODES, REASONS } from './reasons';
import { withReasonList } from './reasons-list';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the reasons catalogue', () => {
  it('has stable UPPER_SNAKE codes, each with distinct param names', () => {
    for (const code of REASON_CODES) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      const params = REASONS[code] as readonly string[];
      expect(new Set(params).size, code).toBe(params.length);
    }
  });

  it('is listed in the README as it is (run npm run docs:reasons after adding a code)', () => {
    expect(withReasonList(readme)).toBe(readme);
  });
});
