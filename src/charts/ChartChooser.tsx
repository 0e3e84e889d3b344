/**
 * The "Charts" menu of the results strip: a checkbox per chart, kept across
 * visits (chartChoice.ts). A button opens it; Tab and Space work the boxes,
 * Escape or a press outside closes it. It opens upwards from the strip at
 * the bottom of the window, fixed to the window so that the strip's
 * scrolling body cannot clip it.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useAppStore } from '../store';
import { usePopover } from '../ui/usePopover';
import { availableChartsOf, busiestOp, chartOptions, setChartChoice, toggledChoice, useChartChoice } from './chartChoice';

const NO_OPS: string[] = [];

export function ChartChooser() {
  const choice = useChartChoice();
  const ops = useAppStore((s) => s.live?.meta.ops ?? NO_OPS);
  const busiest = useAppStore((s) => busiestOp(s.live?.windows));
  const availableIds = useAppStore(availableChartsOf);
  const available = useMemo(() => new Set(availableIds.split(' ').filter(Boolean)), [availableIds]);
  const menu = usePopover<HTMLDivElement>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [place, setPlace] = useState<CSSProperties>({});
  const id = useId();
  const options = chartOptions(choice, ops, busiest, available);
  const shown = options.filter((o) => o.shown).length;

  useLayoutEffect(() => {
    if (!menu.open || !buttonRef.current) return;
    const box = buttonRef.current.getBoundingClientRect();
    const width = 240;
    setPlace({ position: 'fixed', left: Math.max(8, Math.min(box.left, window.innerWidth - width - 8)), bottom: window.innerHeight - box.top + 4, width });
  }, [menu.open]);

  return (
    <div ref={menu.containerRef} className="chart-chooser">
      <button
        ref={buttonRef}
        type="button"
        className="chart-chooser__button"
        aria-expanded={menu.open}
        aria-controls={id}
        onClick={menu.toggle}
        title="Choose the charts the strip shows"
      >
        Charts shown · {shown} of {options.length}
      </button>
      {menu.open && (
        <fieldset id={id} className="popover chart-chooser__menu" style={place}>
          <legend className="popover__title">Charts to show</legend>
          {options.map((o) => (
            <label key={o.id} className="chart-chooser__item">
              <input type="checkbox" checked={o.shown} onChange={() => setChartChoice(toggledChoice(choice, ops, busiest, o.id, available))} />
              {o.label}
            </label>
          ))}
          <p className="popover__foot">About three fit side by side at 1280 px; more scroll sideways.</p>
        </fieldset>
      )}
    </div>
  );
}
