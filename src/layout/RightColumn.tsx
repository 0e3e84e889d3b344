/**
 * The right-hand column: the inspector, or the side panel the user opened
 * (follower graph, Compare, Sweep). Panels load on first use: they bring
 * the population math and the charts, which the first paint does not need.
 */
import { lazy, Suspense } from 'react';
import { Inspector } from '../inspector/Inspector';
import { useAppStore } from '../store';

const FollowersPanel = lazy(() => import('../followers/FollowersPanel').then((m) => ({ default: m.FollowersPanel })));

export function RightColumn() {
  const panel = useAppStore((s) => s.sidePanel);
  if (panel === null) return <Inspector />;
  return (
    <Suspense fallback={<aside className="inspector" aria-busy="true" aria-label="Loading" />}>
      {panel === 'followers' && <FollowersPanel />}
      {panel !== 'followers' && <Inspector />}
    </Suspense>
  );
}
