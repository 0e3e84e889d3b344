/** Click-to-add puts a component in free space: never on top of another one, however often it is clicked. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/App';
import { NEW_NODE_SIZE } from '../../src/actions/scenarioActions';
import { freeSpotNear } from '../../src/canvas/placement';
import { store, useFreshStore } from './helpers';

useFreshStore();

const box = (n: { position?: { x: number; y: number } }) => ({ ...(n.position ?? { x: 0, y: 0 }), ...NEW_NODE_SIZE });
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placement', () => {
  it('five clicks on a palette item add five components, none overlapping another', async () => {
    render(<App />);
    for (let i = 0; i < 5; i++) await userEvent.click(screen.getByRole('button', { name: 'Add Service' }));
    const nodes = store().scenario.nodes;
    expect(nodes).toHaveLength(10);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        if (i < 5 && j < 5) continue; // the scenario's own layout
        expect(overlap(box(nodes[i]), box(nodes[j])), `${nodes[i].id} and ${nodes[j].id}`).toBe(false);
      }
    }
  });

  it('stays inside the visible area (above the minimap strip) when there is room', () => {
    const area = { x: 0, y: 0, width: 800, height: 400 };
    const taken = [{ x: 300, y: 164, width: 200, height: 72 }];
    const spot = freeSpotNear({ x: 400, y: 200 }, NEW_NODE_SIZE, taken, area);
    expect(overlap({ ...spot, ...NEW_NODE_SIZE }, taken[0])).toBe(false);
    expect(spot.y + NEW_NODE_SIZE.height).toBeLessThanOrEqual(400);
    expect(spot.x).toBeGreaterThanOrEqual(0);
  });
});
