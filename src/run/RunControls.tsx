/**
 * Play / pause / step / reset, speed and seed, and where the run is: the
 * header's simulation controls. Every button answers at once (the store
 * updates its status before the worker confirms).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actions, performAction } from '../actions';
import { shortcutLabel } from '../actions/keys';
import { useAppStore } from '../store';
import { SPEEDS, type Speed } from '../worker/protocol';
import { formatSimTime, formatSpeed } from './format';
import { DiceIcon, PauseIcon, PlayIcon, ResetIcon, StepIcon } from './icons';
import './run.css';

const MAX_SEED = 2 ** 32 - 1;

function SeedField() {
  const seed = useAppStore((s) => s.scenario.seed);
  const setRunSeed = useAppStore((s) => s.setRunSeed);
  const [text, setText] = useState(String(seed));
  useEffect(() => setText(String(seed)), [seed]);
  const valid = /^\d+$/.test(text) && Number(text) <= MAX_SEED;
  const commit = (e?: FormEvent) => {
    e?.preventDefault();
    if (valid) {
      if (Number(text) !== seed) setRunSeed(Number(text));
      return;
    }
    if (text !== String(seed)) {
      useAppStore.getState().showToast(`Seed not changed: “${text}” is not a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}. It stays ${seed}.`, 'error');
    }
    setText(String(seed));
  };
  return (
    <form className="run-seed" onSubmit={commit}>
      <label className="run-seed-field">
        <span className="run-seed-prefix">seed</span>
        <input
          type="text"
          inputMode="numeric"
          aria-label="Seed"
          value={text}
          aria-invalid={!valid}
          title="Same scenario + same seed ⇒ the same numbers. Change it to see another sample of the randomness."
          onChange={(e) => setText(e.target.value.trim())}
          onBlur={() => commit()}
        />
      </label>
      <button
        type="button"
        className="icon-button"
        aria-label="New random seed"
        title="New random seed"
        onClick={() => setRunSeed(Math.floor(Math.random() * MAX_SEED))}
      >
        <DiceIcon />
      </button>
    </form>
  );
}

function RunClock() {
  const { simSec, durationSec, simRate, status } = useAppStore(
    useShallow((s) => ({
      simSec: s.live?.simSec ?? 0,
      durationSec: s.live?.meta.durationSec ?? s.scenario.durationSec,
      simRate: s.live?.simRate ?? 0,
      status: s.runStatus,
    })),
  );
  const stopped = useAppStore((s) => s.live?.stopped ?? null);
  const speed = useAppStore((s) => s.runSpeed);
  let state: string;
  let explanation: string | undefined;
  if (status === 'finished') state = stopped ? 'stopped: overloaded' : 'finished';
  else if (status === 'error') state = 'not running';
  else if (status === 'paused') state = 'paused';
  else if (status === 'running') {
    const behind = speed !== 'max' && simRate > 0 && simRate < speed * 0.8;
    const rate = simRate >= 10 ? simRate.toFixed(0) : simRate.toFixed(1);
    // Short enough for the clock's fixed width, whatever the numbers: the header never reflows while it runs.
    state = simRate > 0 ? (behind ? `${rate}× · behind` : `${rate}× real time`) : 'running';
    if (behind) explanation = `Running at ${rate}× real time: this machine cannot keep up with ${speed}×.`;
  } else state = 'starting';
  return (
    <p className="run-clock" aria-label="Simulated time">
      <span className="run-clock-time">
        {formatSimTime(Math.min(simSec, Math.max(durationSec, simSec)))} <span className="run-clock-of">/ {formatSimTime(durationSec)}</span>
      </span>
      <span className="run-clock-state" data-status={status} title={explanation}>
        {state}
        {explanation && <span className="visually-hidden"> ({explanation})</span>}
      </span>
    </p>
  );
}

/** Play / pause / step / reset, speed and seed. */
export function RunControls() {
  const { status, speed } = useAppStore(useShallow((s) => ({ status: s.runStatus, speed: s.runSpeed })));
  const setRunSpeed = useAppStore((s) => s.setRunSpeed);
  const playPause = () => void performAction(actions.playPause, undefined);
  const running = status === 'running';
  const canStep = status === 'running' || status === 'paused';
  return (
    <div className="run-controls" role="group" aria-label="Simulation controls">
      <button
        type="button"
        className="run-button run-primary"
        onClick={playPause}
        aria-label={running ? 'Pause' : 'Play'}
        title={`${running ? 'Pause the simulation' : status === 'finished' ? 'Run again from the start' : 'Play the simulation'} (${shortcutLabel(actions.playPause.shortcut!)})`}
        disabled={status === 'error'}
        data-lesson-target="run.play"
      >
        {running ? (
          <>
            <PauseIcon /> <span className="button__label-narrow">Pause</span>
          </>
        ) : (
          <>
            <PlayIcon /> <span className="button__label-narrow">Play</span>
          </>
        )}
      </button>
      <button
        type="button"
        className="run-button run-icon"
        onClick={() => void performAction(actions.stepRun, undefined)}
        disabled={!canStep}
        aria-label="Step one simulated second"
        title={`Advance one simulated second, then pause (${shortcutLabel(actions.stepRun.shortcut!)})`}
      >
        <StepIcon />
      </button>
      <button
        type="button"
        className="run-button run-icon"
        onClick={() => void performAction(actions.resetRun, undefined)}
        aria-label="Reset"
        title={`Back to 0 s, paused (${shortcutLabel(actions.resetRun.shortcut!)})`}
      >
        <ResetIcon />
      </button>
      <label className="run-speed" title="Simulated seconds per second of your time; Max runs as fast as the simulation can" data-lesson-target="run.speed">
        <span className="visually-hidden">Speed</span>
        <select value={String(speed)} onChange={(e) => setRunSpeed((e.target.value === 'max' ? 'max' : Number(e.target.value)) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      <SeedField />
      <RunClock />
    </div>
  );
}
