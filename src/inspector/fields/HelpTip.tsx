/**
 * The one-line lesson behind a parameter: a small "i" that shows it on hover,
 * on keyboard focus, or on a tap (touch screens have no hover). The text is
 * also the field's accessible description.
 */
import { useState } from 'react';
import { Icon } from '../../ui/icons';

export function HelpTip({ id, label, help }: { id: string; label: string; help: string }) {
  const [pinned, setPinned] = useState(false);
  return (
    <span className="help-tip" data-open={pinned ? 'true' : undefined} onMouseLeave={() => setPinned(false)}>
      <button
        type="button"
        className="help-tip__button"
        aria-label={`About ${label}`}
        aria-describedby={id}
        aria-expanded={pinned}
        onClick={() => setPinned((p) => !p)}
        onBlur={() => setPinned(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && pinned) {
            e.preventDefault();
            setPinned(false);
          }
        }}
      >
        <Icon name="info" size={14} />
      </button>
      <span id={id} role="tooltip" className="help-tip__text">
        {help}
      </span>
    </span>
  );
}
