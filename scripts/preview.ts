/**
 * The built app served by `vite preview` on a port of its own, for the
 * scripts that measure it in Chromium (longtasks.ts, largeopen.ts): start it,
 * wait until it answers, stop it with its whole process group.
 */
import { spawn } from 'node:child_process';

export interface Preview {
  url: string;
  stop(): void;
}

export async function startPreview(port: number): Promise<Preview> {
  const server = spawn('npx', ['vite', 'preview', '--strictPort', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!);
    } catch {
      /* gone */
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`no server at ${url}`);
}

/** The command-line option `--name N`, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
