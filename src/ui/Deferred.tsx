/**
 * Renders its children `steps` frames-and-tasks after it first mounts (with
 * `fallback` in their place until then), so that the first render of the app
 * and the mounting of the parts beside it are separate tasks, each short:
 * the page paints what it has before the next part starts.
 */
import { useEffect, useState, type ReactNode } from 'react';

export function Deferred({ children, fallback = null, steps = 1 }: { children: ReactNode; fallback?: ReactNode; steps?: number }) {
  const [waited, setWaited] = useState(0);
  const ready = waited >= steps;
  useEffect(() => {
    if (ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setWaited((n) => n + 1), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready, waited]);
  return <>{ready ? children : fallback}</>;
}
