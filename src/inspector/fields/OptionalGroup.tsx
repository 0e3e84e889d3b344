/**
 * A policy that is absent until added (an edge's retries, hedging, circuit
 * breaker), generated from its metadata (kinds.ts, OptionalGroupMeta): what
 * its absence means and an Add button; once added, its fields in the
 * metadata's order, each with its lesson, and a Remove button.
 */
import type { ReactNode } from 'react';
import type { GroupFieldMeta, OptionalGroupMeta } from '../../scenario/kinds';
import { Icon } from '../../ui/icons';
import { EnumField } from './EnumField';
import { FieldShell } from './FieldShell';
import { FlagsField } from './FlagsField';
import { HelpTip } from './HelpTip';
import { NumberField } from './NumberField';

type Group = Record<string, unknown>;

/** The value at a dotted path ("backoff.baseMs"), or undefined. */
export function valueAt(group: Group, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Group)[key] : undefined), group);
}

/**
 * The group with the value at `path` set; `undefined` removes the leaf, and
 * a parent left empty by that goes too (no retry budget → no `budget: {}`).
 */
export function withValueAt(group: Group, path: string, value: unknown): Group {
  const [key, ...rest] = path.split('.');
  const next = { ...group };
  if (rest.length === 0) {
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  }
  const child = withValueAt((group[key] as Group | undefined) ?? {}, rest.join('.'), value);
  if (Object.keys(child).length === 0) delete next[key];
  else next[key] = child;
  return next;
}

function fieldId(id: string, path: string): string {
  return `${id}-${path.replace(/\./g, '-')}`;
}

function GroupField({ id, field, group, onChange }: { id: string; field: GroupFieldMeta; group: Group; onChange: (g: Group) => void }) {
  const { path, meta } = field;
  const value = valueAt(group, path);
  const set = (v: unknown) => onChange(withValueAt(group, path, v));
  const controlId = fieldId(id, path);
  switch (meta.type) {
    case 'int':
    case 'number':
      return <NumberField id={controlId} meta={meta} value={value as number | undefined} onChange={set} namedProblem />;
    case 'enum':
      return <EnumField id={controlId} meta={meta} value={String(value ?? meta.default)} onChange={set} />;
    case 'flags':
      return <FlagsField id={controlId} meta={meta} value={(value as string[] | undefined) ?? []} onChange={set} />;
  }
}

export interface OptionalGroupProps {
  /** Prefix of the controls' ids. */
  id: string;
  meta: OptionalGroupMeta;
  value: Group | undefined;
  onChange: (value: Group | undefined) => void;
  /** A line of context under the title once added (what the callee's tail looks like, for a hedge). */
  detail?: ReactNode;
}

export function OptionalGroup({ id, meta, value, onChange, detail }: OptionalGroupProps) {
  if (value === undefined) {
    return (
      <FieldShell controlId={`${id}-add`} label={meta.label} help={meta.help} asGroup>
        <p className="field__detail">None: {meta.absentMeans}</p>
        <button id={`${id}-add`} type="button" className="button button--quiet button--small" onClick={() => onChange(structuredClone(meta.added))}>
          <Icon name="plus" size={14} /> {meta.addLabel}
        </button>
      </FieldShell>
    );
  }
  const shown = meta.fields.filter((f) => !f.shownWhen || f.shownWhen.values.includes(String(valueAt(value, f.shownWhen.path))));
  return (
    <fieldset className="field-group" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-help`}>
      <legend className="field-group__legend">
        <span id={`${id}-legend`}>{meta.label}</span> <HelpTip id={`${id}-help`} label={meta.label} help={meta.help} />
      </legend>
      {detail && <p className="field__detail">{detail}</p>}
      {shown.map((f) => (
        <GroupField key={f.path} id={id} field={f} group={value} onChange={onChange} />
      ))}
      <button type="button" className="button button--quiet button--small" onClick={() => onChange(undefined)}>
        <Icon name="trash" size={14} /> {meta.removeLabel}
      </button>
    </fieldset>
  );
}
