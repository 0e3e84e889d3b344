/** The frame of every inspector field: label, lesson, control, and the validation message. */
import type { ReactNode } from 'react';
import { HelpTip } from './HelpTip';

export interface FieldShellProps {
  /** The id of the main control, which the label points at. */
  controlId: string;
  label: string;
  help?: string;
  problem?: string;
  /** Inline content beside the label (a value field, a toggle). */
  aside?: ReactNode;
  children?: ReactNode;
  /** A group of controls (radios, checkboxes) is labelled by a legend instead of a <label>. */
  asGroup?: boolean;
}

export function helpId(controlId: string): string {
  return `${controlId}-help`;
}

export function problemId(controlId: string): string {
  return `${controlId}-problem`;
}

export function FieldShell({ controlId, label, help, problem, aside, children, asGroup }: FieldShellProps) {
  const head = (
    <div className="field__head">
      {asGroup ? (
        <span className="field__label" id={`${controlId}-label`}>
          {label}
        </span>
      ) : (
        <label className="field__label" htmlFor={controlId}>
          {label}
        </label>
      )}
      {help && <HelpTip id={helpId(controlId)} label={label} help={help} />}
      {aside && <div className="field__aside">{aside}</div>}
    </div>
  );
  return (
    <div className="field" data-invalid={problem ? 'true' : undefined}>
      {head}
      {children}
      {problem && (
        <p id={problemId(controlId)} className="field__problem" aria-live="polite">
          {problem}
        </p>
      )}
    </div>
  );
}

/** aria-describedby for a control: its lesson and, when there is one, its problem. */
export function describedBy(controlId: string, hasHelp: boolean, hasProblem: boolean): string | undefined {
  const ids = [hasHelp ? helpId(controlId) : '', hasProblem ? problemId(controlId) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
