/**
 * The command palette (Ctrl/⌘+K): every registered action that needs no
 * argument, plus adding each kind of component, connecting the selected one,
 * and starting each lesson — searched by typing, chosen with ↑/↓ and Enter.
 * It performs the same action objects as the buttons and the keys.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { actions, performAction, type Action } from '../actions';
import { connectSource, connectTargets } from '../actions/connectActions';
import { breakTarget, canBreakNow } from '../actions/faultActions';
import { shortcutLabel } from '../actions/keys';
import { faultTarget, faultTypesFor } from '../faults/faultParams';
import { LESSONS } from '../lessons/lessons';
import { FAULT_META, KIND_ORDER, KINDS } from '../scenario/kinds';
import { useAppStore } from '../store';

export interface Command {
  id: string;
  label: string;
  shortcut?: string;
  /** Why it cannot be done now (shown, and said again if chosen). */
  refusal?: string;
  run: () => void;
}

/** Actions that need an argument are offered through their own commands below, or not at all. */
const NEEDS_ARGUMENT = new Set<string>([
  'startLesson', 'runLessonComparison', 'addNode', 'loadPreset', 'importFile', 'setCelebrityThreshold', 'connectTo', 'openCommandPalette', 'breakIt', 'openBreakMenu', 'openPhaseCell', 'showRequestTrace',
]);

const plainActions = (Object.values(actions) as Action<unknown>[]).filter((a) => !NEEDS_ARGUMENT.has(a.name)) as Action[];

function buildCommands(): Command[] {
  const state = useAppStore.getState();
  const list: Command[] = [];
  const source = connectSource(state);
  if (source) {
    const name = state.scenario.nodes.find((n) => n.id === source)?.label ?? source;
    for (const t of connectTargets(state.scenario, source)) {
      list.push({
        id: `connect:${t.id}`,
        label: `Connect ${name} to ${t.name}`,
        refusal: t.refusal,
        run: () => void performAction(actions.connectTo, t.id),
      });
    }
  }
  const target = breakTarget(state);
  const where = target === undefined ? null : faultTarget(state.scenario, target);
  if (target !== undefined && where !== null) {
    const now = canBreakNow(state) ? ' now' : '';
    for (const type of faultTypesFor(state.scenario, target).types) {
      list.push({
        id: `break:${type}`,
        label: `Break it: ${FAULT_META.type.valueLabels[type]} ${where.name}${now}`,
        run: () => void performAction(actions.breakIt, { type, target }),
      });
    }
  }
  for (const a of plainActions) {
    if (a.enabled && !a.enabled(state)) continue;
    list.push({ id: a.name, label: a.label, shortcut: a.shortcut && shortcutLabel(a.shortcut), run: () => void performAction(a, undefined) });
  }
  // Tracing a request of each operation the run has (the plain action traces the selected client's, or the first).
  const ops = state.live?.meta.ops ?? [];
  if (ops.length > 1 && (!actions.traceNextRequest.enabled || actions.traceNextRequest.enabled(state))) {
    for (const op of ops) {
      list.push({ id: `trace:${op}`, label: `Trace the next “${op}” request`, run: () => void performAction(actions.traceNextRequest, op) });
    }
  }
  for (const kind of KIND_ORDER) {
    list.push({ id: `add:${kind}`, label: `Add ${KINDS[kind].title}`, run: () => void performAction(actions.addNode, { kind }) });
  }
  for (const lesson of LESSONS) {
    list.push({ id: `lesson:${lesson.id}`, label: `Lesson: ${lesson.title}`, run: () => void performAction(actions.startLesson, lesson.id) });
  }
  return list;
}

/** Commands whose label holds every word typed, in any order. */
export function matchCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
}

export function CommandPalette() {
  const open = useAppStore((s) => s.commandPaletteOpen);
  return open ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const close = () => useAppStore.getState().setCommandPaletteOpen(false);
  const commands = useMemo(buildCommands, []);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = matchCommands(commands, query);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(typeof document !== 'undefined' ? document.activeElement : null);

  useEffect(() => {
    input.current?.focus();
    const back = returnFocus.current;
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listId]);

  const choose = (c: Command | undefined) => {
    if (!c) return;
    close();
    if (c.refusal) useAppStore.getState().showToast(`Not connected: ${c.refusal}.`, 'error');
    else c.run();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(shown.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className="command-palette__backdrop" onPointerDown={(e) => e.target === e.currentTarget && close()}>
      <div className="command-palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="command-palette__input"
          role="combobox"
          aria-label="Command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
          placeholder="Type a command…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <ul className="command-palette__list" role="listbox" id={listId} aria-label="Commands">
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-label={c.label}
              aria-disabled={c.refusal ? true : undefined}
              aria-description={c.refusal}
              className="command-palette__item"
              onPointerMove={() => setActive(i)}
              onClick={() => choose(c)}
            >
              <span className="command-palette__label">
                {c.label}
                {c.refusal && <span className="command-palette__refusal">{c.refusal}</span>}
              </span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {shown.length === 0 && <li className="command-palette__empty">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
