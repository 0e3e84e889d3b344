/** A short text value (a label, an operation name): applied as you type when valid. */
import { describedBy, FieldShell } from './FieldShell';
import { useDraft } from './useDraft';

export interface TextFieldProps {
  id: string;
  label: string;
  help?: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with a candidate value, or undefined when it may be applied. */
  validate?: (value: string) => string | undefined;
  placeholder?: string;
  /** Suggestions offered while typing (a datalist). */
  suggestions?: string[];
}

export function TextField({ id, label, help, value, onChange, validate, placeholder, suggestions }: TextFieldProps) {
  const { draft, setDraft, problem, setProblem } = useDraft(value);
  const listId = suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined;
  return (
    <FieldShell controlId={id} label={label} help={help} problem={problem}>
      <input
        id={id}
        type="text"
        className="text-input"
        value={draft ?? value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        list={listId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, !!help, !!problem)}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const p = validate?.(text);
          setProblem(p);
          if (!p && text !== value) onChange(text);
        }}
        onBlur={() => {
          if (!problem) setDraft(null);
        }}
      />
      {listId && (
        <datalist id={listId}>
          {suggestions!.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </FieldShell>
  );
}
