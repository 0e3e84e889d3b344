/** The inspector of one component: its name, its parameters, and what it is for. */
import type { CSSProperties } from 'react';
import { actions, performAction } from '../actions';
import { KINDS } from '../scenario/kinds';
import type { ScenarioNode } from '../scenario/schema';
import { useAppStore } from '../store';
import { Icon, KindIcon } from '../ui/icons';
import { TextField } from './fields/TextField';
import { ConnectMenu } from './ConnectMenu';
import { FaultsSection } from '../faults/FaultsSection';
import { ParamFields } from './ParamFields';
import { labelProblem } from './textRules';
import { InspectorHeader } from './InspectorHeader';

export function NodeInspector({ node }: { node: ScenarioNode }) {
  const updateNode = useAppStore((s) => s.updateNode);
  const meta = KINDS[node.kind];
  const style = { '--kind-color': `var(--kind-${node.kind})`, '--kind-soft': `var(--kind-${node.kind}-soft)` } as CSSProperties;
  return (
    <section className="inspector-section" aria-labelledby="inspector-node-title" style={style}>
      <InspectorHeader icon={<KindIcon kind={node.kind} size={20} />} titleId="inspector-node-title" title={meta.title}>
        {meta.description}
      </InspectorHeader>
      <TextField
        id={`node-${node.id}-label`}
        label="Name"
        help="Shown on the canvas and in the charts. The id below stays fixed, so links and the command line keep working."
        value={node.label ?? ''}
        placeholder={node.id}
        validate={labelProblem}
        onChange={(label) =>
          updateNode(node.id, (n) => ({ ...n, label: label === '' ? undefined : label }), { mergeKey: `label:${node.id}` })
        }
      />
      <p className="inspector-id">
        id <code>{node.id}</code>
      </p>
      <ParamFields node={node} />
      <FaultsSection targetId={node.id} />
      <div className="inspector-actions">
        <ConnectMenu sourceId={node.id} />
        <button type="button" className="button" onClick={() => void performAction(actions.duplicateSelection, undefined)}>
          <Icon name="copy" size={16} /> Duplicate
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => void performAction(actions.deleteSelection, undefined)}
        >
          <Icon name="trash" size={16} /> Delete
        </button>
      </div>
    </section>
  );
}
