#!/usr/bin/env node
// `npm test`: type-check, unit and component tests (Vitest), then end-to-end tests in real Chromium (Playwright).
import { spawnSync } from 'node:child_process';

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['type-check of the engine without DOM types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.engine.json']],
  ['unit and component tests', 'npx', ['vitest', 'run']],
  ['find Chromium', 'node', ['scripts/ensure-chromium.mjs']],
  ['production build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
];
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
