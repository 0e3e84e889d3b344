/**
 * The entry module: it only loads the app, in steps, each a task of its own,
 * so that no step holds the main thread long (on a slow laptop, evaluating the
 * whole app at once was one task of most of a second). The steps, in the
 * order they depend on each other: zod, the components' parameter metadata, the scenario's schema in two
 * parts, its nodes and the rest (zod builds every validator when its module runs), the store (it validates the bundled
 * default scenario), start-up (the scenario to show, the live run), React's
 * DOM renderer, React Flow, and the first render (App.tsx mounts the side panels a task after the rest).
 */
import '@xyflow/react/dist/base.css';
import './styles.css';

/** Lets the browser run other tasks (input, paint, the worker's first messages) before the next step. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Keys pressed while the app is still arriving (a shortcut right after the page loads), kept and
 * pressed again once the shortcuts are installed, so that none is lost to the staged start.
 */
function holdEarlyKeys(): () => void {
  const held: KeyboardEvent[] = [];
  const hold = (e: KeyboardEvent) => held.push(e);
  window.addEventListener('keydown', hold);
  return () => {
    window.removeEventListener('keydown', hold);
    for (const e of held) {
      const again = new KeyboardEvent('keydown', {
        key: e.key,
        code: e.code,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        repeat: e.repeat,
        bubbles: true,
        cancelable: true,
      });
      (e.target instanceof Node && e.target.isConnected ? e.target : window).dispatchEvent(again);
    }
  };
}

/** Names the step that starts now on the page's timeline (the Performance panel, scripts/longtasks.ts). */
function step(name: string): void {
  performance.mark(`start-up: ${name}`);
}

async function start(): Promise<void> {
  const releaseKeys = holdEarlyKeys();
  step('zod');
  await import('./zodSetup');
  await nextTask();
  step('parameter metadata');
  await import('./scenario/kinds');
  await nextTask();
  step('node schema');
  await import('./scenario/nodeSchema');
  await nextTask();
  step('schema');
  await import('./scenario/decode');
  await nextTask();
  step('store');
  const { useAppStore } = await import('./store');
  await nextTask();
  step('boot');
  const { startApp } = await import('./boot');
  startApp(useAppStore);
  releaseKeys();
  // The libraries the first render needs, each evaluated in a task of its own.
  await nextTask();
  step('react-dom');
  await import('react-dom/client');
  await nextTask();
  step('react flow');
  await import('@xyflow/react');
  await nextTask();
  step('first render');
  const { renderApp } = await import('./render');
  renderApp(document.getElementById('root')!);
}

void start();
