/**
 * The training report as one self-contained HTML page: tables plus ROC, KS, calibration and
 * score-distribution charts drawn as inline SVG (no script, no external resource).
 */
import type { TrainPolicyReport } from './train-policy.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f3 = (n: number): string => n.toFixed(3);
const W = 320;
const H = 240;
const P = 32;

type Series = { points: { x: number; y: number }[]; colour: string; label: string };

/** A line chart of series in [0, xMax] × [0, yMax], with axes and a legend. */
const lineChart = (title: string, series: readonly Series[], xMax = 1, yMax = 1): string => {
  const sx = (x: number): number => P + (x / xMax) * (W - 2 * P);
  const sy = (y: number): number => H - P - (y / yMax) * (H - 2 * P);
  const paths = series
    .map((s) => `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`)
    .join('');
  const legend = series.map((s, i) => `<text x="${P + 4}" y="${P + 12 * (i + 1)}" fill="${s.colour}" font-size="10">${esc(s.label)}</text>`).join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect x="${P}" y="${P}" width="${W - 2 * P}" height="${H - 2 * P}" fill="none" stroke="#999"/>${paths}${legend}
<text x="${P}" y="${H - 8}" font-size="10">0</text><text x="${W - P - 16}" y="${H - 8}" font-size="10">${xMax.toPrecision(2)}</text><text x="4" y="${P + 4}" font-size="10">${yMax.toPrecision(2)}</text></svg></figure>`;
};

const histogram = (title: string, train: readonly number[], holdout: readonly number[] | undefined): string => {
  const all = [...train, ...(holdout ?? [])];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of all) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const bins = 30;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const shares = (xs: readonly number[]): { x: number; y: number }[] => {
    const c = new Array<number>(bins).fill(0);
    for (const v of xs) c[Math.min(bins - 1, Math.floor((v - lo) / width))]! += 1;
    return c.map((n, i) => ({ x: i + 0.5, y: n / Math.max(1, xs.length) }));
  };
  const t = shares(train);
  const h = holdout ? shares(holdout) : undefined;
  const yMax = Math.max(...t.map((p) => p.y), ...(h ?? []).map((p) => p.y), 1e-9);
  return lineChart(`${title} (${lo.toFixed(0)} … ${hi.toFixed(0)})`, [{ points: t, colour: '#1f77b4', label: 'train' }, ...(h ? [{ points: h, colour: '#d62728', label: 'hold-out' }] : [])], bins, yMax);
};

const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(typeof c === 'number' ? (Number.isInteger(c) ? String(c) : f3(c)) : c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/**
 * Renders the report page.
 * @example writeFileSync('report.html', reportHtml(report))
 */
export const reportHtml = (r: TrainPolicyReport): string => {
  const metricRows = [
    ['out of fold', r.outOfFold.rows, r.outOfFold.auc, r.outOfFold.gini, r.outOfFold.ks, r.outOfFold.brier],
    ...(r.holdout ? [['hold-out', r.holdout.rows, r.holdout.auc, r.holdout.gini, r.holdout.ks, r.holdout.brier]] : []),
  ] as (string | number)[][];
  const cal = r.calibrationByDecile.holdout ?? r.calibrationByDecile.outOfFold;
  const calMax = Math.max(...cal.map((c) => Math.max(c.meanPd, c.badRate)), 1e-9);
  const charts = [
    lineChart('ROC', [
      { points: r.charts.roc.map((p) => ({ x: p.fpr, y: p.tpr })), colour: '#1f77b4', label: r.holdout ? 'hold-out' : 'out of fold' },
      { points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], colour: '#aaa', label: 'chance' },
    ]),
    lineChart('KS: cumulative bads and goods by PD rank (out of fold)', [
      { points: r.charts.ksGap.map((p) => ({ x: p.share, y: p.bad })), colour: '#d62728', label: 'bads' },
      { points: r.charts.ksGap.map((p) => ({ x: p.share, y: p.good })), colour: '#2ca02c', label: 'goods' },
    ]),
    lineChart('Calibration by decile: predicted (blue) vs observed (red)', [
      { points: cal.map((c) => ({ x: c.decile, y: c.meanPd })), colour: '#1f77b4', label: 'mean PD' },
      { points: cal.map((c) => ({ x: c.decile, y: c.badRate })), colour: '#d62728', label: 'bad rate' },
    ], 10, calMax),
    histogram('Score distribution', r.charts.scores.train, r.charts.scores.holdout),
  ].join('');
  const columns = r.columns
    .filter((c) => c.selected)
    .map((c) => `<h3>${esc(c.column)} — IV ${f3(c.iv)}, ${esc(c.trend)}${c.derived ? `, ${esc(c.derived)}` : ''}</h3>${table(['bin', 'rows', 'share', 'bad rate', 'WOE', 'points'], c.bins.map((b) => [b.label, b.count, b.share, b.badRate, b.woe, b.points ?? '']))}`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Training report — ${esc(r.dataset)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#eee}figure{display:inline-block;margin:0 1em 1em 0}figcaption{font-size:12px}</style></head><body>
<h1>Training report — ${esc(r.dataset)}</h1>
<p>seed ${r.seed}, ${r.folds} folds, L2 per row ${r.l2PerRow}, calibration ${esc(r.calibration.method)}${r.sha256 ? `, SHA-256 ${r.sha256}` : ''}${r.psi === undefined ? '' : `, score PSI train → hold-out ${f3(r.psi)}`}; ${r.millis.total ?? 0} ms</p>
${table(['set', 'rows', 'AUC', 'Gini', 'KS', 'Brier'], metricRows)}
<div>${charts}</div>
<h2>Calibration by decile</h2>${table(['decile', 'rows', 'mean PD', 'bad rate'], cal.map((c) => [c.decile, c.count, c.meanPd, c.badRate]))}
<h2>Master scale</h2>${table(['grade', 'max PD', 'rows', 'share', 'mean PD', 'bad rate'], r.masterScale.train.map((g) => [g.grade, g.maxPd, g.count, g.share, g.meanPd, g.badRate ?? '']))}
<h2>Columns</h2>${table(['column', 'kind', 'IV', 'trend', 'used', 'coefficient', 'notes'], [...r.columns].sort((a, b) => b.iv - a.iv).map((c) => [c.column, c.kind, c.iv, c.trend, c.selected ? 'yes' : 'no', c.coefficient ?? '', [...c.detected, c.note ?? ''].filter(Boolean).join('; ')]))}
${r.protected.map((p) => `<h2>Protected: ${esc(p.column)} (approval at PD ≤ ${f3(r.approvalCutoffPd)})</h2>${table(['group', 'rows', 'AUC', 'approval rate', 'mean PD', 'adverse-impact ratio'], p.groups.map((g) => [g.group, g.rows, g.auc, g.approvalRate, g.meanPd, g.adverseImpactRatio]))}`).join('')}
<h2>Bins of the selected features</h2>${columns}
</body></html>
`;
};
