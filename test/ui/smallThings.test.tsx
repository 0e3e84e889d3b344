/**
 * The small things a newcomer trips on: an image is not read as a scenario, export names end at a
 * word, and "Show results" gives back the height the panel had.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actions, performAction } from '../../src/actions';
import { Banners } from '../../src/feedback/Banners';
import { ResultsPanel } from '../../src/layout/ResultsPanel';
import { fileStem } from '../../src/ui/download';
import { store, useFreshStore } from './helpers';

useFreshStore();
afterEach(() => window.history.replaceState(null, '', '/'));

describe('importing a file that is not a scenario', () => {
  it('a PNG is said to be an image, not printed byte by byte', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const name = store().scenario.name;
    await act(() => performAction(actions.importFile, new File([png], 'screenshot.png', { type: 'image/png' })) as Promise<void>);
    render(<Banners />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This is not a scenario file: it is a PNG image');
    expect(alert).not.toHaveTextContent('PNG\r');
    expect(alert.textContent).not.toMatch(/IHDR|\uFFFD/);
    expect(store().scenario.name).toBe(name);
  });
});

describe('export file names', () => {
  it('are cut at a word boundary', () => {
    expect(fileStem('Twitter home timeline — hybrid (DDIA’s numbers, scaled to run smoothly in a browser)')).toBe('twitter-home-timeline-hybrid-ddia-s-numbers');
    expect(fileStem('Cache-aside')).toBe('cache-aside');
    expect(fileStem('')).toBe('fanout-lab');
    expect(fileStem('a'.repeat(80))).toHaveLength(48);
  });

  it('Export JSON names the file from the scenario, at a word boundary', () => {
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    act(() => store().editScenario((s) => ({ ...s, name: 'Capacity plan for the timeline service after the migration to Redis' })));
    void performAction(actions.exportFile, undefined);
    expect(names).toEqual(['capacity-plan-for-the-timeline-service-after-the.json']);
    click.mockRestore();
  });
});

describe('the results panel', () => {
  it('"Show results" gives back the height it had when hidden', async () => {
    act(() => store().setView({ chartsHeight: 420 }));
    render(<ResultsPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Hide results' }));
    expect(store().chartsHeight).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Show results' }));
    expect(store().chartsHeight).toBe(420);
  });
});
