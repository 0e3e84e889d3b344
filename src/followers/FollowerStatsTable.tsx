/** The population's exact statistics, each with what it means. */
import { formatCount, formatNumber, formatPercent } from '../ui/format';
import type { FollowerAnalysis } from './analysis';

export function FollowerStatsTable({ analysis }: { analysis: FollowerAnalysis }) {
  const { stats } = analysis;
  const t = analysis.threshold;
  const above = `above ${formatCount(t.value)}`;
  const rows: [string, string, string][] = [
    ['Mean followers', formatNumber(stats.meanFollowers), 'per account, E[F]'],
    ['p99 followers', formatCount(stats.p99Followers), '99% of accounts have at most this'],
    ['Largest account', formatCount(stats.maxFollowers), 'followers'],
    [
      'Followers per post',
      formatNumber(stats.meanPostFanout),
      analysis.activityWeighted ? 'mean fan-out of a post: popular accounts post more' : 'mean fan-out of a post (everyone posts equally)',
    ],
    ['Accounts followed', formatNumber(stats.meanFollowees), 'per reader, on average'],
    [`Posts by accounts ${above}`, formatPercent(t.stats.postShareAbove), 'share of posts'],
    [`Fan-out writes from them`, formatPercent(t.stats.writeShareAbove), 'share of writes on fan-out on write'],
    ['Writes per post, celebrities skipped', formatNumber(t.stats.hybridWritesPerPost), 'the hybrid’s write side'],
    ['Celebrity fetches per read', formatNumber(t.stats.celebrityFetchesPerRead), 'the hybrid’s read side: celebrities a reader follows'],
  ];
  return (
    <table className="stats-table">
      <caption className="visually-hidden">Exact statistics of the follower graph</caption>
      <tbody>
        {rows.map(([name, value, note]) => (
          <tr key={name}>
            <th scope="row">
              {name}
              <span className="stats-table__note">{note}</span>
            </th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
