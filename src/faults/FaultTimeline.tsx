/**
 * The fault timeline: the whole run from 0 s to its end, one lane per broken
 * target, each fault a bar where it is active — random faults as the
 * intervals their seed draws. A scheduled fault's bar can be dragged to move
 * it, or by either end to resize it; with the keyboard, ←/→ move it by a
 * second (Shift: ten) and Alt+←/→ change its length. One drag is one undo
 * step, and the run starts again with the fault where it was dropped.
 */
import { useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { updateFault } from '../scenario/edit';
import { FAULT_META } from '../scenario/kinds';
import type { Scenario, ScenarioFault } from '../scenario/schema';
import { useAppStore } from '../store';
import { faultSummary, faultTarget } from './faultParams';
import { planOf } from './faultState';

const NO_FAULTS: ScenarioFault[] = [];
/** The shortest a fault can be made by dragging, s. */
const MIN_SEC = 0.5;
/** Drags snap to this, s (a tenth of the run's length, rounded to 1, 5 or 10 s below). */
function snapStep(durationSec: number): number {
  return durationSec <= 60 ? 0.5 : durationSec <= 600 ? 1 : 5;
}

function niceStep(spanSec: number, maxTicks: number): number {
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200]) if (spanSec / step <= maxTicks) return step;
  return 3600;
}

type DragMode = 'move' | 'start' | 'end';

interface Lane {
  target: string;
  name: string;
  faults: { fault: ScenarioFault; index: number }[];
}

function lanesOf(scenario: Scenario): Lane[] {
  const lanes = new Map<string, Lane>();
  (scenario.faults ?? NO_FAULTS).forEach((fault, index) => {
    let lane = lanes.get(fault.target);
    if (!lane) {
      lane = { target: fault.target, name: faultTarget(scenario, fault.target)?.name ?? fault.target, faults: [] };
      lanes.set(fault.target, lane);
    }
    lane.faults.push({ fault, index });
  });
  return [...lanes.values()];
}

export function FaultTimeline() {
  const scenario = useAppStore((s) => s.scenario);
  const runScenario = useAppStore((s) => s.runScenario);
  // The clock line only when the run on screen is this scenario's (a whole second is enough to move it).
  const nowSec = useAppStore((s) => (s.live && s.runScenario === s.scenario ? Math.floor(s.live.simSec) : null));
  const lanes = useMemo(() => lanesOf(scenario), [scenario]);
  const plan = useMemo(() => planOf(scenario), [scenario]);
  const track = useRef<HTMLDivElement>(null);
  const selectedKey = useAppStore((s) => [...s.selectedNodeIds, ...s.selectedEdgeIds].join('\n'));
  if (lanes.length === 0) return null;
  const total = scenario.durationSec;
  const pct = (sec: number) => `${(Math.min(Math.max(sec, 0), total) / total) * 100}%`;
  const step = niceStep(total, 8);
  const ticks: number[] = [];
  for (let t = 0; t <= total + 1e-9; t += step) ticks.push(t);
  const snap = snapStep(total);
  const selectedIds = new Set(selectedKey.split('\n'));

  const edit = (id: string, recipe: (f: ScenarioFault) => ScenarioFault, mergeKey?: string) =>
    useAppStore.getState().editScenario((s) => updateFault(s, id, recipe), mergeKey ? { mergeKey } : undefined);

  const startDrag = (e: PointerEvent<HTMLElement>, fault: ScenarioFault, mode: DragMode) => {
    if (fault.random || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const el = track.current;
    if (!el) return;
    const width = el.getBoundingClientRect().width;
    const x0 = e.clientX;
    const at0 = fault.atSec ?? 0;
    const dur0 = fault.durationSec ?? total - at0;
    const open = fault.durationSec === undefined;
    const store = useAppStore.getState();
    store.beginGesture();
    const target = e.currentTarget;
    target.setPointerCapture?.(e.pointerId);
    const onMove = (ev: globalThis.PointerEvent) => {
      const d = Math.round((((ev.clientX - x0) / width) * total) / snap) * snap;
      edit(fault.id, (f) => {
        if (mode === 'move') return { ...f, atSec: clampStart(at0 + d, total) };
        if (mode === 'start') {
          const end = at0 + dur0;
          const atSec = Math.min(Math.max(0, at0 + d), end - MIN_SEC);
          return open ? { ...f, atSec } : { ...f, atSec: round(atSec), durationSec: round(end - atSec) };
        }
        return { ...f, durationSec: round(Math.max(MIN_SEC, dur0 + d)) };
      });
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
      useAppStore.getState().endGesture();
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
  };

  const onKey = (e: KeyboardEvent<HTMLElement>, fault: ScenarioFault) => {
    if (fault.random || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const d = (e.key === 'ArrowLeft' ? -1 : 1) * (e.shiftKey ? 10 : 1);
    if (e.altKey) edit(fault.id, (f) => ({ ...f, durationSec: round(Math.max(MIN_SEC, (f.durationSec ?? total - (f.atSec ?? 0)) + d)) }), `fault-len:${fault.id}`);
    else edit(fault.id, (f) => ({ ...f, atSec: clampStart((f.atSec ?? 0) + d, total) }), `fault-at:${fault.id}`);
  };

  return (
    <section className="fault-timeline" aria-label="Fault timeline">
      <div className="fault-timeline__head">
        <span className="fault-timeline__title">Faults</span>
        <span className="fault-timeline__hint">drag a bar to move it, its ends to resize · ←/→ move, Alt+←/→ length</span>
      </div>
      <div className="fault-timeline__grid">
        {lanes.map((lane) => (
          <div key={lane.target} className="fault-timeline__lane" data-selected={selectedIds.has(lane.target) ? 'true' : undefined}>
            <span className="fault-timeline__name" title={lane.name}>
              {lane.name}
            </span>
            <div className="fault-timeline__track" ref={track}>
              {ticks.map((t) => (
                <span key={t} className="fault-timeline__tick" style={{ left: pct(t) }} aria-hidden="true" />
              ))}
              {lane.faults.map(({ fault, index }) =>
                fault.random ? (
                  plan
                    .filter((iv) => iv.fault === index && iv.startMs < total * 1000)
                    .slice(0, 400)
                    .map((iv, k) => (
                      <span
                        key={`${fault.id}-${k}`}
                        className="fault-bar fault-bar--random"
                        data-fault={fault.type}
                        style={{ left: pct(iv.startMs / 1000), width: `max(2px, calc(${pct(iv.endMs / 1000)} - ${pct(iv.startMs / 1000)}))` }}
                        title={`${faultSummary(fault)}: ${round(iv.startMs / 1000)}–${round(iv.endMs / 1000)} s`}
                      />
                    ))
                ) : (
                  <span
                    key={fault.id}
                    className="fault-bar"
                    data-fault={fault.type}
                    role="slider"
                    tabIndex={0}
                    aria-label={`${FAULT_META.type.valueLabels[fault.type]} of ${lane.name}`}
                    aria-valuemin={0}
                    aria-valuemax={total}
                    aria-valuenow={fault.atSec ?? 0}
                    aria-valuetext={faultSummary(fault)}
                    title={`${faultSummary(fault)} — drag to move, drag an end to resize`}
                    style={{ left: pct(fault.atSec ?? 0), width: `max(6px, calc(${pct((fault.atSec ?? 0) + (fault.durationSec ?? total))} - ${pct(fault.atSec ?? 0)}))` }}
                    onPointerDown={(e) => startDrag(e, fault, 'move')}
                    onKeyDown={(e) => onKey(e, fault)}
                  >
                    <span className="fault-bar__grip fault-bar__grip--start" onPointerDown={(e) => startDrag(e, fault, 'start')} aria-hidden="true" />
                    <span className="fault-bar__label">{FAULT_META.type.valueLabels[fault.type]}</span>
                    {fault.durationSec !== undefined && (
                      <span className="fault-bar__grip fault-bar__grip--end" onPointerDown={(e) => startDrag(e, fault, 'end')} aria-hidden="true" />
                    )}
                  </span>
                ),
              )}
              {nowSec !== null && runScenario && <span className="fault-timeline__now" style={{ left: pct(nowSec) }} aria-hidden="true" />}
            </div>
          </div>
        ))}
        <div className="fault-timeline__lane fault-timeline__lane--axis" aria-hidden="true">
          <span className="fault-timeline__name" />
          <div className="fault-timeline__track fault-timeline__track--axis">
            {ticks.map((t) => (
              <span key={t} className="fault-timeline__tick-label" style={{ left: pct(t) }}>
                {t} s
              </span>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function clampStart(atSec: number, total: number): number {
  return round(Math.min(Math.max(0, atSec), Math.max(0, total - MIN_SEC)));
}
