/**
 * The inspector's Faults section for the selected node or edge: "Break it"
 * (one gesture: a fault now, while the run goes on), the faults already
 * written for it, each editable field by field from the fault metadata
 * (FAULT_META via faultParams.ts), and a fault at a time of your choosing.
 */
import { useEffect, useId, useState } from 'react';
import { actions, performAction } from '../actions';
import { canBreakNow } from '../actions/faultActions';
import { DistEditor } from '../inspector/fields/DistEditor';
import { EnumField } from '../inspector/fields/EnumField';
import { HelpTip } from '../inspector/fields/HelpTip';
import { NumberField } from '../inspector/fields/NumberField';
import { addFault, removeFault, updateFault } from '../scenario/edit';
import { FAULT_META, type FaultType, type TimeDist } from '../scenario/kinds';
import type { ScenarioFault } from '../scenario/schema';
import { useAppStore } from '../store';
import { Icon } from '../ui/icons';
import { onMenuItemKey, usePopover } from '../ui/usePopover';
import { onBreakMenuRequest } from './breakMenuSignal';
import { FAULT_PARAMS, faultSummary, faultTypesFor, newFault, QUICK_FAULT_SEC, withType } from './faultParams';
import { activeFaults, countdown, faultEffect } from './faultState';

const NO_FAULTS: ScenarioFault[] = [];

export function FaultsSection({ targetId }: { targetId: string }) {
  const scenario = useAppStore((s) => s.scenario);
  const faults = (scenario.faults ?? NO_FAULTS).filter((f) => f.target === targetId);
  const fit = faultTypesFor(scenario, targetId);
  const [openId, setOpenId] = useState<string | null>(null);
  const headingId = useId();
  if (fit.types.length === 0 && faults.length === 0) {
    return (
      <section className="faults-section" aria-labelledby={headingId}>
        <h3 id={headingId} className="faults-section__title">
          Faults
        </h3>
        <p className="field__detail">Nothing to break here: {fit.reason}.</p>
      </section>
    );
  }
  const addAtTime = () => {
    const s = useAppStore.getState();
    const now = s.live?.simSec ?? 0;
    // Five seconds ahead of the run, so that it is still to come when the run restarts with it.
    const atSec = Math.min(Math.max(FAULT_META.atSec.default, Math.ceil(now) + 5), Math.max(0, s.scenario.durationSec - QUICK_FAULT_SEC));
    const fault = newFault(s.scenario, fit.types[0], targetId, atSec);
    s.editScenario((sc) => addFault(sc, fault).scenario);
    setOpenId(fault.id);
  };
  return (
    <section className="faults-section" aria-labelledby={headingId}>
      <div className="faults-section__head">
        <h3 id={headingId} className="faults-section__title">
          Faults
        </h3>
        <HelpTip id={`${headingId}-help`} label="Faults" help={FAULT_META.type.help} />
      </div>
      <div className="faults-section__actions">
        <BreakItMenu targetId={targetId} types={fit.types} />
        <button type="button" className="button button--quiet button--small" onClick={addAtTime} disabled={fit.types.length === 0}>
          <Icon name="plus" size={14} /> Add a fault at a time
        </button>
      </div>
      {faults.length > 0 && (
        <ul className="faults-section__list">
          {faults.map((f) => (
            <li key={f.id}>
              <FaultRow fault={f} open={openId === f.id} onToggle={() => setOpenId(openId === f.id ? null : f.id)} types={fit.types} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Break it ▾": the fault types that fit, each with the lesson behind it; a choice breaks it now (or at its time, with no run going). */
function BreakItMenu({ targetId, types }: { targetId: string; types: readonly FaultType[] }) {
  const menu = usePopover<HTMLSpanElement>();
  const menuId = useId();
  const now = useAppStore(canBreakNow);
  const { setOpen } = menu;
  useEffect(() => onBreakMenuRequest(() => setOpen(true)), [setOpen]);
  return (
    <span ref={menu.containerRef} className="popover-anchor">
      <button
        type="button"
        className="button button--danger"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        aria-controls={menu.open ? menuId : undefined}
        disabled={types.length === 0}
        title="Break it (B)"
        onClick={menu.toggle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !menu.open) {
            e.preventDefault();
            menu.setOpen(true);
          }
        }}
      >
        <Icon name="broken" size={16} /> Break it{now ? ' now' : ''}…
      </button>
      {menu.open && (
        <div className="popover break-menu" role="menu" id={menuId} aria-label="Break it" ref={(el) => el?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()}>
          <p className="break-menu__note">
            {now ? `Starts now and lasts ${QUICK_FAULT_SEC} s; the run goes on.` : `No run is going: added at ${FAULT_META.atSec.default} s for ${QUICK_FAULT_SEC} s.`}
          </p>
          {types.map((type) => (
            <button
              key={type}
              type="button"
              role="menuitem"
              className="break-menu__item"
              onKeyDown={onMenuItemKey}
              onClick={() => menu.choose(() => void performAction(actions.breakIt, { type, target: targetId }))}
            >
              <span className="break-menu__label">{FAULT_META.type.valueLabels[type]}</span>
              <span className="break-menu__help">{FAULT_META.type.valueHelp[type]}</span>
            </button>
          ))}
        </div>
      )}
    </span>
  );
}

/** One fault: its summary (and, while it is active, its countdown); opened, every field of it. */
function FaultRow({ fault, open, onToggle, types }: { fault: ScenarioFault; open: boolean; onToggle: () => void; types: readonly FaultType[] }) {
  const editScenario = useAppStore((s) => s.editScenario);
  const activeNow = useAppStore((s) => {
    if (!s.runScenario || !s.live) return '';
    const a = activeFaults(s.runScenario, fault.target, s.live.simSec).find((x) => x.fault.id === fault.id);
    return a ? `${faultEffect(a.fault)} · ${countdown(a.leftSec, a.fault.type)}` : '';
  });
  const bodyId = useId();
  const set = (recipe: (f: ScenarioFault) => ScenarioFault, field: string) =>
    editScenario((s) => updateFault(s, fault.id, recipe), { mergeKey: `fault:${fault.id}:${field}` });
  const id = `fault-${fault.id}`;
  return (
    <div className="fault-row" data-active={activeNow ? 'true' : undefined}>
      <div className="fault-row__head">
        <button type="button" className="fault-row__toggle" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />
          <span className="fault-row__summary">{faultSummary(fault)}</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove fault ${fault.id}`}
          title="Remove this fault"
          onClick={() => editScenario((s) => removeFault(s, fault.id))}
        >
          <Icon name="trash" size={14} />
        </button>
      </div>
      {activeNow && (
        <p className="fault-row__now" role="status">
          Now: {activeNow}
        </p>
      )}
      {open && (
        <div id={bodyId} className="fault-row__body">
          <EnumField
            id={`${id}-type`}
            meta={{ ...FAULT_META.type, values: types.includes(fault.type) ? types : [...types, fault.type] }}
            value={fault.type}
            onChange={(t) => set((f) => withType(f, t as FaultType), 'type')}
          />
          <EnumField
            id={`${id}-timing`}
            meta={TIMING_META}
            value={fault.random ? 'random' : 'scheduled'}
            onChange={(v) =>
              set((f) => {
                const { atSec: _a, durationSec: _d, random: _r, ...rest } = f;
                return (v === 'random'
                  ? { ...rest, random: { mtbfSec: FAULT_META.mtbfSec.default, mttrSec: FAULT_META.mttrSec.default } }
                  : { ...rest, atSec: FAULT_META.atSec.default, durationSec: QUICK_FAULT_SEC }) as ScenarioFault;
              }, 'timing')
            }
          />
          {fault.random ? (
            <>
              <NumberField
                id={`${id}-mtbf`}
                meta={FAULT_META.mtbfSec}
                value={fault.random.mtbfSec}
                onChange={(v) => v !== undefined && set((f) => ({ ...f, random: { ...f.random!, mtbfSec: v } }), 'mtbf')}
              />
              <NumberField
                id={`${id}-mttr`}
                meta={FAULT_META.mttrSec}
                value={fault.random.mttrSec}
                onChange={(v) => v !== undefined && set((f) => ({ ...f, random: { ...f.random!, mttrSec: v } }), 'mttr')}
              />
              <p className="field__detail">
                Down about {formatShare(fault.random.mttrSec / (fault.random.mtbfSec + fault.random.mttrSec))} of the time (MTTR ÷ (MTBF + MTTR)).
              </p>
            </>
          ) : (
            <>
              <NumberField id={`${id}-at`} meta={FAULT_META.atSec} value={fault.atSec} onChange={(v) => v !== undefined && set((f) => ({ ...f, atSec: v }), 'at')} />
              <NumberField
                id={`${id}-duration`}
                meta={FAULT_META.durationSec}
                value={fault.durationSec}
                onChange={(v) =>
                  set((f) => {
                    const next = { ...f };
                    if (v === undefined) delete next.durationSec;
                    else next.durationSec = v;
                    return next;
                  }, 'duration')
                }
              />
            </>
          )}
          {FAULT_PARAMS[fault.type].map(([field, meta]) => {
            const value = (fault as Record<string, unknown>)[field];
            const setField = (v: unknown) => set((f) => ({ ...f, [field]: v }) as ScenarioFault, field);
            switch (meta.type) {
              case 'enum':
                return <EnumField key={field} id={`${id}-${field}`} meta={meta} value={value as string} onChange={setField} />;
              case 'dist':
                return <DistEditor key={field} id={`${id}-${field}`} label={meta.label} help={meta.help} value={value as TimeDist} onChange={setField} />;
              default:
                return <NumberField key={field} id={`${id}-${field}`} meta={meta} value={value as number} onChange={(v) => v !== undefined && setField(v)} />;
            }
          })}
        </div>
      )}
    </div>
  );
}

const TIMING_META = {
  label: 'When',
  help: 'At a time, for a duration (a deploy gone wrong, a planned failover) — or at random, by mean time between faults and mean time to repair, as hardware fails.',
  values: ['scheduled', 'random'] as const,
  valueLabels: { scheduled: 'At a time', random: 'At random' },
};

function formatShare(x: number): string {
  return `${(x * 100).toPrecision(2)}%`;
}
