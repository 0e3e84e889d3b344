/** What an empty canvas says: where to start. It never catches the pointer. */
import { useAppStore } from '../store';

export function EmptyCanvas() {
  const empty = useAppStore((s) => s.scenario.nodes.length === 0);
  if (!empty) return null;
  return (
    <div className="empty-canvas">
      <p className="empty-canvas__title">An empty canvas</p>
      <p className="empty-canvas__hint">
        Drag a <strong>Client</strong> from the left to create load, then the components it calls. Connect them by
        dragging from the dot on a component’s right edge to the next component.
      </p>
    </div>
  );
}
