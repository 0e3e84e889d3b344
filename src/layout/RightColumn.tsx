/**
 * The right-hand column: the inspector, or the side panel the user opened
 * (follower graph, Compare, Sweep). Panels load on first use: they bring
 * the population math and the charts, which the first paint does not need.
 */
import { lazy, Suspense } from 'react';
import { Inspector } from '../inspector/Inspector';
import { useAppStore } from '../store';

const FollowersPanel = lazy(() => import('../followers/FollowersPanel').then((m) => ({ default: m.FollowersPanel })));
const ComparePanel = lazy(() => import('../compare/ComparePanel').then((m) => ({ default: m.ComparePanel })));
const SweepPanel = lazy(() => import('../sweep/SweepPanel').then((m) => ({ default: m.SweepPanel })));

export function RightColumn() {
  const panel = useAppStore((s) => s.sidePanel);
  if (panel === null) return <Inspector />;
  return (
    <Suspense fallback={<aside className="inspector" aria-busy="true" aria-label="Loading" />}>
      {panel === 'followers' && <FollowersPanel />}
      {panel === 'compare' && <ComparePanel />}
      {panel === 'sweep' && <SweepPanel />}
    </Suspense>
  );
}
