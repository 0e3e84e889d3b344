/** The fault timeline: every fault on a lane of its target, moved and resized by dragging or by the keyboard, one undo step a drag. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FaultTimeline } from '../../src/faults/FaultTimeline';
import { useAppStore } from '../../src/store';
import { store, useFreshStore } from './helpers';

useFreshStore();

function withFaults() {
  act(() =>
    store().editScenario((s) => ({
      ...s,
      durationSec: 100,
      warmupSec: 5,
      faults: [
        { id: 'c', target: 'db', type: 'crash', mode: 'refuse', atSec: 30, durationSec: 10 },
        { id: 'r', target: 'cache', type: 'pause', random: { mtbfSec: 20, mttrSec: 2 } },
      ],
    })),
  );
}

describe('fault timeline', () => {
  it('is not there without faults; with them, one lane per target, scheduled faults as sliders, random ones as their drawn intervals', () => {
    const { container, rerender } = render(<FaultTimeline />);
    expect(container).toBeEmptyDOMElement();
    withFaults();
    rerender(<FaultTimeline />);
    const bar = screen.getByRole('slider', { name: 'Crash of Database' });
    expect(bar).toHaveAttribute('aria-valuetext', 'Crash · 30–40 s');
    expect(bar.style.left).toBe('30%');
    expect(container.querySelectorAll('.fault-bar--random').length).toBeGreaterThan(1);
    expect(screen.getByText('Cache')).toBeInTheDocument();
  });

  it('arrow keys move a fault by a second (Shift: ten), Alt+arrows change its length', async () => {
    withFaults();
    render(<FaultTimeline />);
    const bar = screen.getByRole('slider', { name: 'Crash of Database' });
    bar.focus();
    await userEvent.keyboard('{ArrowRight}{Shift>}{ArrowRight}{/Shift}');
    expect(store().scenario.faults![0]).toMatchObject({ atSec: 41, durationSec: 10 });
    await userEvent.keyboard('{Alt>}{ArrowLeft}{ArrowLeft}{/Alt}');
    expect(store().scenario.faults![0]).toMatchObject({ atSec: 41, durationSec: 8 });
  });

  it('a drag moves the bar by the time under the pointer, an end resizes it, and each drag is one undo step', () => {
    withFaults();
    const { container } = render(<FaultTimeline />);
    const tracks = container.querySelectorAll<HTMLElement>('.fault-timeline__track');
    tracks.forEach((t) => (t.getBoundingClientRect = () => ({ width: 500, left: 0, right: 500, top: 0, bottom: 20, height: 20, x: 0, y: 0, toJSON() {} })));
    const bar = screen.getByRole('slider', { name: 'Crash of Database' });
    fireEvent.pointerDown(bar, { button: 0, clientX: 160, pointerId: 1 });
    fireEvent.pointerMove(window, { clientX: 200 });
    fireEvent.pointerMove(window, { clientX: 260 }); // +100 px of 500 = +20 s
    fireEvent.pointerUp(window);
    expect(store().scenario.faults![0]).toMatchObject({ atSec: 50, durationSec: 10 });
    const end = bar.querySelector('.fault-bar__grip--end')!;
    fireEvent.pointerDown(end, { button: 0, clientX: 300, pointerId: 1 });
    fireEvent.pointerMove(window, { clientX: 325 }); // +5 s
    fireEvent.pointerUp(window);
    expect(store().scenario.faults![0]).toMatchObject({ atSec: 50, durationSec: 15 });
    act(() => useAppStore.temporal.getState().undo());
    expect(store().scenario.faults![0]).toMatchObject({ atSec: 50, durationSec: 10 });
    act(() => useAppStore.temporal.getState().undo());
    expect(store().scenario.faults![0]).toMatchObject({ atSec: 30, durationSec: 10 });
  });
});
