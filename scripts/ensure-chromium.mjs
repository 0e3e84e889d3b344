#!/usr/bin/env node
// Finds the Chromium the end-to-end tests drive: $CHROMIUM_PATH, else /usr/bin/chromium.
// When neither exists and we are root with apt-get, installs Debian's `chromium` package.
// Otherwise stops with one line saying how to get one. Test tools never download a browser here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(candidate)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${candidate}, which does not exist: point it at a Chromium binary.`);
  process.exit(1);
}
if (!isRoot || !hasApt) {
  console.error('No Chromium found: install Debian\'s package (sudo apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}
console.log('Installing Debian\'s chromium package for the end-to-end tests…');
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    install();
  }
} catch {
  console.error('Could not install chromium with apt-get: install it by hand (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('apt-get finished but /usr/bin/chromium is missing: set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}
