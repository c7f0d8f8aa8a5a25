// Rewrites the README's list of reason codes from the catalogue (packages/api/src/reasons.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { withReasonList } from '../packages/api/src/reasons-list';

const path = new URL('../README.md', import.meta.url);
const updated = withReasonList(readFileSync(path, 'utf8'));
if (updated === null) throw new Error('README.md has no reasons:start / reasons:end markers');
writeFileSync(path, updated);
