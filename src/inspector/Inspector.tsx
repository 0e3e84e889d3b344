/** The right-hand panel: edits whatever is selected, or the scenario when nothing is. */
import { useShallow } from 'zustand/react/shallow';
import { actions, performAction } from '../actions';
import { useAppStore } from '../store';
import { selectSingleEdge, selectSingleNode } from '../store/selectors';
import { plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import { ScenarioSettings } from './ScenarioSettings';
import { InspectorHeader } from './InspectorHeader';

function MultiSelection({ nodes, edges }: { nodes: number; edges: number }) {
  const parts = [nodes > 0 ? plural(nodes, 'component') : '', edges > 0 ? plural(edges, 'edge') : ''].filter(Boolean);
  return (
    <section className="inspector-section" aria-labelledby="inspector-multi-title">
      <InspectorHeader titleId="inspector-multi-title" title={`${parts.join(' and ')} selected`}>
        Select a single component or edge to edit its parameters.
      </InspectorHeader>
      <div className="inspector-actions">
        {nodes > 0 && (
          <button type="button" className="button" onClick={() => void performAction(actions.duplicateSelection, undefined)}>
            <Icon name="copy" size={16} /> Duplicate
          </button>
        )}
        <button type="button" className="button button--danger" onClick={() => void performAction(actions.deleteSelection, undefined)}>
          <Icon name="trash" size={16} /> Delete
        </button>
      </div>
    </section>
  );
}

export function Inspector() {
  const { node, edge, nodeCount, edgeCount } = useAppStore(
    useShallow((s) => ({
      node: selectSingleNode(s),
      edge: selectSingleEdge(s),
      nodeCount: s.selectedNodeIds.length,
      edgeCount: s.selectedEdgeIds.length,
    })),
  );
  let body;
  if (node) body = <NodeInspector key={node.id} node={node} />;
  else if (edge) body = <EdgeInspector key={edge.id} edge={edge} />;
  else if (nodeCount + edgeCount > 1) body = <MultiSelection nodes={nodeCount} edges={edgeCount} />;
  else body = <ScenarioSettings />;
  return (
    <aside className="inspector" aria-label="Inspector" data-lesson-target="inspector">
      {body}
    </aside>
  );
}
