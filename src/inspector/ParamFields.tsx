/**
 * The fields of a node, generated from its kind's metadata (kinds.ts): the
 * same table gives the validator its ranges, so the two cannot disagree.
 */
import type { ReactNode } from 'react';
import { setClientOp } from '../scenario/edit';
import { KINDS, type ParamMeta } from '../scenario/kinds';
import type { ScenarioNode } from '../scenario/schema';
import { useAppStore } from '../store';
import { opsList, selectKnownOpsKey } from '../store/selectors';
import { ArrivalFields } from './ArrivalFields';
import { DistEditor } from './fields/DistEditor';
import { EnumField } from './fields/EnumField';
import { NumberField } from './fields/NumberField';
import { OpsField } from './fields/OpsField';
import { TextField } from './fields/TextField';
import { withObjectivesRenamed } from './ObjectivesFields';
import { opNameProblem } from './textRules';

type Params = Record<string, unknown>;

function renderParam(
  node: ScenarioNode,
  name: string,
  meta: ParamMeta,
  value: unknown,
  set: (value: unknown) => void,
  ops: string[],
): ReactNode {
  const id = `param-${node.id}-${name}`;
  switch (meta.type) {
    case 'boolean':
      // An on/off switch is a choice of two: the segmented control, with the metadata's words for each side.
      return (
        <EnumField
          key={name}
          id={id}
          meta={{ label: meta.label, help: meta.help, values: ['false', 'true'], valueLabels: meta.valueLabels, valueHelp: meta.valueHelp }}
          value={String(value ?? meta.default)}
          onChange={(v) => set(v === 'true')}
        />
      );
    case 'int':
    case 'number':
      return <NumberField key={name} id={id} meta={meta} value={value as number | undefined} onChange={set} />;
    case 'dist':
      return (
        <DistEditor key={name} id={id} label={meta.label} help={meta.help} value={value as never} onChange={set} />
      );
    case 'enum':
      // An optional choice left absent (a cache's write policy) shows its default.
      return <EnumField key={name} id={id} meta={meta} value={(value ?? meta.default) as string} onChange={set} />;
    case 'string':
      return (
        <TextField
          key={name}
          id={id}
          label={meta.label}
          help={meta.help}
          value={value as string}
          onChange={set}
          validate={(v) => opNameProblem(v, meta.maxChars)}
          suggestions={ops}
        />
      );
    case 'stringList':
      return (
        <OpsField
          key={name}
          id={id}
          label={meta.label}
          help={meta.help}
          value={value as string[] | undefined}
          known={ops}
          absentMeans={meta.absentMeans}
          onChange={(v) => set(v ?? [])}
        />
      );
    case 'group': {
      if (meta.editor === 'arrival' && node.kind === 'client') return <ArrivalFields key={name} node={node} />;
      const group = (value ?? {}) as Params;
      return (
        <fieldset key={name} className="field-group">
          <legend className="field-group__legend">{meta.label}</legend>
          {Object.entries(meta.fields).map(([field, fieldMeta]) =>
            renderParam(node, `${name}-${field}`, fieldMeta, group[field], (v) => set({ ...group, [field]: v }), ops),
          )}
        </fieldset>
      );
    }
  }
}

export function ParamFields({ node }: { node: ScenarioNode }) {
  const updateNode = useAppStore((s) => s.updateNode);
  const editScenario = useAppStore((s) => s.editScenario);
  const opList = opsList(useAppStore(selectKnownOpsKey));
  const params = node.params as Params;
  return (
    <div className="param-fields">
      {Object.entries(KINDS[node.kind].params).map(([name, meta]) => {
        const mergeKey = `param:${node.id}:${name}`;
        const set = (value: unknown) => {
          if (node.kind === 'client' && name === 'op') {
            editScenario((s) => {
              const client = s.nodes.find((n) => n.id === node.id);
              const oldOp = client?.kind === 'client' ? client.params.op : '';
              return withObjectivesRenamed(setClientOp(s, node.id, value as string), oldOp, value as string);
            }, { mergeKey });
            return;
          }
          updateNode(
            node.id,
            (n) => {
              const next = { ...(n.params as Params) };
              if (value === undefined) delete next[name];
              else next[name] = value;
              return { ...n, params: next } as ScenarioNode;
            },
            { mergeKey },
          );
        };
        return renderParam(node, name, meta, params[name], set, opList);
      })}
    </div>
  );
}

