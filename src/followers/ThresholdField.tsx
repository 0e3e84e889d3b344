/**
 * The celebrity threshold: one slider for the hybrid's two halves, the
 * write side's `skipAbove` and the read side's `celebrityFollowees`
 * threshold. A drag is one gesture, hence one undo step however long it
 * lasts; typing and arrow keys go through the same action.
 */
import { useEffect, useRef } from 'react';
import { actions, performAction } from '../actions';
import { POPULATION_META } from '../scenario/kinds';
import { NumberField } from '../inspector/fields/NumberField';
import { useAppStore } from '../store';

export interface ThresholdFieldProps {
  /** The threshold shown. */
  value: number;
  /** Whether it is the scenario's own (else a what-if that changes only the numbers shown). */
  inScenario: boolean;
  onWhatIf: (value: number) => void;
}

export function ThresholdField({ value, inScenario, onWhatIf }: ThresholdFieldProps) {
  const beginGesture = useAppStore((s) => s.beginGesture);
  const endGesture = useAppStore((s) => s.endGesture);
  /** Ends the drag in progress, if any. */
  const stopDrag = useRef<(() => void) | null>(null);
  useEffect(() => () => stopDrag.current?.(), []);

  const startDrag = () => {
    if (!inScenario || stopDrag.current) return;
    beginGesture();
    const listening = new AbortController();
    stopDrag.current = () => {
      listening.abort();
      stopDrag.current = null;
      endGesture();
    };
    window.addEventListener('pointerup', () => stopDrag.current?.(), { signal: listening.signal });
    window.addEventListener('pointercancel', () => stopDrag.current?.(), { signal: listening.signal });
  };

  return (
    <div className="threshold-field" onPointerDown={(e) => (e.target as HTMLElement).matches('input[type="range"]') && startDrag()}>
      <NumberField
        id="followers-threshold"
        meta={POPULATION_META.celebrityThreshold}
        value={value}
        onChange={(v) => {
          if (v === undefined) return;
          if (inScenario) void performAction(actions.setCelebrityThreshold, v);
          else onWhatIf(v);
        }}
      />
    </div>
  );
}
