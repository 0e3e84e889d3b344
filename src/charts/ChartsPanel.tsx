/**
 * The results and live-charts area: a banner when something needs saying,
 * the charts' controls, and two tabs — the live charts and the results tables.
 * Both tabs are loaded on demand, so the first screen stays light; their
 * placeholders keep the same size, so nothing shifts when they arrive.
 */
import { lazy, Suspense, useState } from 'react';
import { FaultTimeline } from '../faults/FaultTimeline';
import { RunBanner } from '../run/RunBanner';
import { useAppStore } from '../store';
import { CHART_WINDOWS_SEC } from '../store/runSlice';
import { ChartChooser } from './ChartChooser';
import './charts.css';

const LiveCharts = lazy(() => import('./LiveCharts'));
const ResultsTables = lazy(() => import('./ResultsTables'));

type Tab = 'charts' | 'results';

function spanLabel(sec: number): string {
  return sec < 120 ? `${sec} s` : `${sec / 60} min`;
}

function ChartControls() {
  const span = useAppStore((s) => s.chartWindowSec);
  const setSpan = useAppStore((s) => s.setChartWindowSec);
  const scale = useAppStore((s) => s.latencyScale);
  const setScale = useAppStore((s) => s.setLatencyScale);
  return (
    <div className="chart-controls">
      <div className="segmented" role="group" aria-label="Time shown">
        <span className="segmented-label">Last</span>
        {CHART_WINDOWS_SEC.map((sec) => (
          <button key={sec} type="button" aria-pressed={span === sec} onClick={() => setSpan(sec)}>
            {spanLabel(sec)}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Latency axis">
        <span className="segmented-label">Latency axis</span>
        <button type="button" aria-pressed={scale === 'linear'} onClick={() => setScale('linear')}>
          linear
        </button>
        <button type="button" aria-pressed={scale === 'log'} onClick={() => setScale('log')}>
          log
        </button>
      </div>
    </div>
  );
}

export function ChartsPanel() {
  const [tab, setTab] = useState<Tab>('charts');
  return (
    <section className="charts-panel" aria-label="Live charts">
      <RunBanner />
      <div className="charts-panel-bar">
        <div className="tabs" role="tablist" aria-label="Charts or table">
          <button type="button" role="tab" id="tab-charts" aria-selected={tab === 'charts'} aria-controls="panel-charts" onClick={() => setTab('charts')}>
            Charts
          </button>
          <button type="button" role="tab" id="tab-results" data-lesson-target="results" aria-selected={tab === 'results'} aria-controls="panel-results" onClick={() => setTab('results')}>
            Table
          </button>
        </div>
        {tab === 'charts' && <ChartChooser />}
        {tab === 'charts' && <ChartControls />}
      </div>
      {tab === 'charts' && <FaultTimeline />}
      <div className="charts-panel-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        <Suspense fallback={<p className="charts-panel-loading">Loading charts…</p>}>{tab === 'charts' ? <LiveCharts /> : <ResultsTables />}</Suspense>
      </div>
    </section>
  );
}
