/**
 * The one-line lesson behind a parameter: a small "i" that shows it on hover,
 * on keyboard focus, or on a tap (touch screens have no hover). The text is
 * also the field's accessible description.
 */
import { useRef, useState, type CSSProperties } from 'react';

/** The tip's width and its offset from the button (src/styles/inspector.css), px. */
const TIP_WIDTH_PX = 250;
const TIP_LEFT_PX = -40;
const EDGE_PX = 8;
import { Icon } from '../../ui/icons';

export function HelpTip({ id, label, help }: { id: string; label: string; help: string }) {
  const [pinned, setPinned] = useState(false);
  const [place, setPlace] = useState<CSSProperties | undefined>(undefined);
  const ref = useRef<HTMLSpanElement>(null);
  // A tip whose label ends near the window's right edge (a long label in the inspector) shifts left to stay in view.
  const fit = () => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || typeof window === 'undefined') return;
    const overflow = box.left + TIP_LEFT_PX + TIP_WIDTH_PX - (window.innerWidth - EDGE_PX);
    setPlace(overflow > 0 ? { left: TIP_LEFT_PX - overflow } : undefined);
  };
  return (
    <span ref={ref} className="help-tip" data-open={pinned ? 'true' : undefined} onMouseEnter={fit} onFocus={fit} onMouseLeave={() => setPinned(false)}>
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
      <span id={id} role="tooltip" className="help-tip__text" style={place}>
        {help}
      </span>
    </span>
  );
}
