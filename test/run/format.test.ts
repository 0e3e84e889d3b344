import { describe, expect, it } from 'vitest';
import { edgeLabels, formatCount, formatMs, formatPercent, formatRate, formatSimTime } from '../../src/run/format';

describe('numbers with units', () => {
  it('durations scale from µs to minutes', () => {
    expect([0, 0.00042, 0.5, 3.8214, 21.2, 850, 1234, 59_000, 600_000].map(formatMs)).toEqual([
      '0 ms',
      '0.42 µs',
      '500 µs',
      '3.82 ms',
      '21.2 ms',
      '850 ms',
      '1.23 s',
      '59 s',
      '10 min',
    ]);
    expect(formatMs(undefined)).toBe('–');
  });
  it('counts, rates and shares', () => {
    expect(formatCount(1_785_590)).toBe('1,785,590');
    expect(formatCount(30_000_000)).toBe('30 M');
    expect(formatRate(3001.2)).toBe('3,001 /s');
    expect(formatRate(8552, 'calls/s')).toBe('8,552 calls/s');
    expect(formatRate(45_000)).toBe('45 k/s');
    expect(formatPercent(0.8123)).toBe('81.2%');
    expect(formatPercent(0.0062)).toBe('0.62%');
    expect(formatSimTime(12.34)).toBe('12.3 s');
    expect(formatSimTime(600)).toBe('10 min');
    expect(formatSimTime(630)).toBe('10 min 30 s');
  });
  it('edges between the same two nodes are told apart by their ids', () => {
    const nodes = [
      { id: 'api', label: 'API' },
      { id: 'db', label: 'Posts' },
    ];
    expect(
      edgeLabels(nodes, [
        { id: 'insert', source: 'api', target: 'db' },
        { id: 'merge', source: 'api', target: 'db' },
        { id: 'x', source: 'db', target: 'api' },
      ]),
    ).toEqual(['API → Posts (insert)', 'API → Posts (merge)', 'Posts → API']);
  });
});

describe('axis ticks carry their unit', () => {
  it('ms below a second, s above', async () => {
    const { msTick } = await import('../../src/run/format');
    expect([0, 0.5, 20, 1500, 15_000].map(msTick)).toEqual(['0', '0.5 ms', '20 ms', '1.5 s', '15 s']);
  });
});
