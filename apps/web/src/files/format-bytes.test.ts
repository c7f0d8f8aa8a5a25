import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('uses binary steps and one decimal at most', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 bytes');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 * 1024, 'en-US')).toBe('5 MB');
  });

  it('speaks Persian in fa-IR', () => {
    expect(formatBytes(1536, 'fa-IR')).toMatch(/۱٫۵/);
  });
});
