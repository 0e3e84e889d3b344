/**
 * The one-line lesson behind a parameter: a small "i" that shows it on hover
 * or focus. The text is also the field's accessible description.
 */
import { Icon } from '../../ui/icons';

export function HelpTip({ id, label, help }: { id: string; label: string; help: string }) {
  return (
    <span className="help-tip">
      <button type="button" className="help-tip__button" aria-label={`About ${label}`} aria-describedby={id}>
        <Icon name="info" size={14} />
      </button>
      <span id={id} role="tooltip" className="help-tip__text">
        {help}
      </span>
    </span>
  );
}
