/**
 * The production build's JavaScript, gzipped: the initial part (the entry
 * module and the modules index.html preloads — all the page runs before its
 * first paint) and every chunk loaded later. `npm run build && npm run size`
 * prints it; `test/e2e/bundle.spec.ts` holds the initial part to its budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  gzipKB: number;
}

export interface BuildSizes {
  initial: ChunkSize[];
  initialKB: number;
  later: ChunkSize[];
}

const gzipKB = (path: string) => gzipSync(readFileSync(path)).length / 1024;

export function buildSizes(dist: string): BuildSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) =>
    m[1].replace(/^\.?\//, ''),
  );
  const initial = initialFiles.map((file) => ({ file, gzipKB: gzipKB(join(dist, file)) }));
  const later = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialFiles.includes(`assets/${f}`))
    .map((f) => ({ file: `assets/${f}`, gzipKB: gzipKB(join(dist, 'assets', f)) }))
    .sort((a, b) => b.gzipKB - a.gzipKB);
  return { initial, initialKB: initial.reduce((sum, c) => sum + c.gzipKB, 0), later };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = buildSizes(join(fileURLToPath(new URL('..', import.meta.url)), 'dist'));
  const row = (c: ChunkSize) => `  ${c.gzipKB.toFixed(1).padStart(6)} KB  ${c.file}`;
  console.log(`initial JavaScript: ${sizes.initialKB.toFixed(1)} KB gzipped`);
  sizes.initial.forEach((c) => console.log(row(c)));
  console.log('loaded later (lazy chunks, the worker):');
  sizes.later.forEach((c) => console.log(row(c)));
}
