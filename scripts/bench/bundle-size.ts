/**
 * The SPA's first load, as a browser fetches it: every script, preloaded module and style
 * sheet that `apps/web/dist/index.html` names, plus the modules those import statically
 * (dynamic `import()` chunks — the areas, the chart — are not part of it). Prints each
 * file's raw and gzip size and the totals.
 *
 *   npm run build -w @chapar/web && npx tsx scripts/bench/bundle-size.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../../apps/web/dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');

const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const files = new Set<string>();
const visit = (file: string) => {
  if (files.has(file)) return;
  files.add(file);
  if (!file.endsWith('.js')) return;
  const code = readFileSync(path.join(dist, file), 'utf8');
  // Static imports only: `import … from "./x.js"` and `import "./x.js"`, never `import("./x.js")`.
  for (const match of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
    visit(path.posix.join(path.posix.dirname(file), match[1]!));
  }
};
for (const file of named) visit(file);

let raw = 0;
let gzip = 0;
const rows = [...files].sort().map((file) => {
  const bytes = readFileSync(path.join(dist, file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  return { file, kB: +(bytes.length / 1024).toFixed(1), gzipKB: +(zipped / 1024).toFixed(1) };
});
const htmlGzip = gzipSync(Buffer.from(html), { level: 9 }).length;
console.table(rows);
console.log(
  `first load: ${files.size} files + index.html, ${(raw / 1024).toFixed(1)} kB raw, ` +
    `${((gzip + htmlGzip) / 1024).toFixed(1)} kB gzip (index.html included)`,
);
