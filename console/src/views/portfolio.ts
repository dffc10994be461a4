import { stringify } from 'csv-stringify/browser/esm/sync';
import { client, ok } from '../api.js';
import { chart } from '../charts.js';
import { h, type Child } from '../dom.js';
import { formatMoney, formatNumber, formatPercent, t, tMaybe } from '../i18n/i18n.js';
import { psiBand } from '../psi.js';
import type { Got, PortfolioRow as Row } from '../types.js';
import { badge, emptyState, heading, link, table, type Column } from '../ui.js';
import { asyncPanel } from './customer-panels.js';

const PAGE = 50;
/** The portfolio view reads at most this many customers (for its charts and export); beyond that, search. */
const MAX_ROWS = 2000;
const GRADES = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];

const loadAll = async (query: { q?: string; grade?: string }): Promise<Row[]> => {
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(client().GET('/v1/customers', { params: { query: { limit: 200, ...query, ...(cursor ? { cursor } : {}) } } }));
    rows.push(...page.customers);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < MAX_ROWS);
  return rows;
};

/** Grade order for the charts: the policy's letter grades first, then any others alphabetically. */
const gradeOrder = (grades: Iterable<string>): string[] =>
  [...new Set(grades)].sort((a, b) => (GRADES.indexOf(a) + 1 || 99) - (GRADES.indexOf(b) + 1 || 99) || a.localeCompare(b));

export const gradeLabel = (row: Pick<Row, 'grade' | 'ratingStatus'>): string => row.grade ?? (row.ratingStatus === 'insufficient_data' ? t('status.insufficientData') : t('status.unrated'));

/**
 * Used share of the credit line, in buckets. The recommended limit is what is left after the open
 * exposure (the default policy subtracts it), so the line is exposure + limit; neither → its own bucket.
 */
const UTILISATION = [0.25, 0.5, 0.75, 1];
const utilisationBucket = (row: Row): number => {
  const exposure = row.exposure && row.limit && row.exposure.currency === row.limit.currency ? row.exposure.amountMinor : 0;
  const line = exposure + Math.max(0, row.limit?.amountMinor ?? 0);
  if (line <= 0) return UTILISATION.length + 1;
  const used = exposure / line;
  const index = UTILISATION.findIndex((edge) => used <= edge);
  return index === -1 ? UTILISATION.length : index;
};

const charts = (rows: Row[]): HTMLElement => {
  const byGrade = new Map<string, number>();
  for (const row of rows) byGrade.set(gradeLabel(row), (byGrade.get(gradeLabel(row)) ?? 0) + 1);
  const grades = gradeOrder(byGrade.keys());
  const pdEdges = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 1];
  const pdCounts = pdEdges.map(() => 0);
  for (const row of rows) if (row.pd !== undefined) pdCounts[pdEdges.findIndex((edge) => row.pd! <= edge)]! += 1;
  const pdLabels = pdEdges.map((edge, i) => `${i === 0 ? 0 : formatPercent(pdEdges[i - 1], 1)}–${formatPercent(edge, 1)}`);
  const utilisation = [...UTILISATION.map(() => 0), 0, 0];
  for (const row of rows) utilisation[utilisationBucket(row)]! += 1;
  const utilLabels = [...UTILISATION.map((edge, i) => `${formatPercent(i === 0 ? 0 : UTILISATION[i - 1], 0)}–${formatPercent(edge, 0)}`), `> ${formatPercent(1, 0)}`, t('portfolio.noLimit')];
  const customers = t('term.customers');
  return h(
    'div',
    { class: 'charts' },
    chart(t('chart.gradeDistribution'), () => ({
      grid: { left: 40, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: grades },
      yAxis: { type: 'value', minInterval: 1 },
      tooltip: { trigger: 'axis' },
      series: [{ type: 'bar', name: customers, data: grades.map((g) => byGrade.get(g) ?? 0) }],
    })),
    chart(t('chart.pdHistogram'), () => ({
      grid: { left: 40, right: 10, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: pdLabels, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      tooltip: { trigger: 'axis' },
      series: [{ type: 'bar', name: customers, data: pdCounts }],
    })),
    chart(t('chart.limitUtilisation'), () => ({
      grid: { left: 40, right: 10, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: utilLabels, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      tooltip: { trigger: 'axis' },
      series: [{ type: 'bar', name: customers, data: utilisation }],
    })),
  );
};

type DriftPoint = Got<'/v1/policies/{version}/drift'>['points'][number];
/** The drift series the chart reads at most (about five years of daily points). */
const MAX_POINTS = 2000;
/** The PSI rule of thumb: below 0.10 stable, 0.10–0.25 moderate, above significant. */
const PSI_BANDS = [0.1, 0.25] as const;

/** The active policy's drift series, every page (oldest day first). */
const loadDrift = async (): Promise<{ version: number; points: DriftPoint[] }> => {
  const { policy } = await ok(client().GET('/v1/policies/active'));
  const version = policy.policy.version;
  const points: DriftPoint[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(client().GET('/v1/policies/{version}/drift', { params: { path: { version }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
    points.push(...page.points);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && points.length < MAX_POINTS);
  return { version, points };
};

const psiText = (value: number): string => formatNumber(value, { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** PSI by day as a line over the three bands (stable, moderate, significant). */
const driftChart = (version: number, points: readonly DriftPoint[]): HTMLElement =>
  chart(
    t('chart.psiSeries', { version }),
    () => {
      const top = Math.ceil(Math.max(0.3, ...points.map((p) => p.psi)) * 1.1 * 20) / 20;
      const band = (from: number, to: number, name: string, color: string) => [{ yAxis: from, name, itemStyle: { color } }, { yAxis: to }];
      return {
        grid: { left: 50, right: 16, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: points.map((p) => p.date), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', min: 0, max: top },
        tooltip: { trigger: 'axis' },
        series: [
          {
            type: 'line',
            name: t('chart.psiValue'),
            data: points.map((p) => Math.round(p.psi * 10_000) / 10_000),
            markArea: {
              silent: true,
              label: { position: 'insideTopLeft', color: '#333' },
              data: [
                band(0, PSI_BANDS[0], t('psi.stable'), 'rgba(46, 139, 87, 0.10)'),
                band(PSI_BANDS[0], PSI_BANDS[1], t('psi.moderate'), 'rgba(217, 130, 43, 0.14)'),
                band(PSI_BANDS[1], top, t('psi.significant'), 'rgba(184, 59, 94, 0.12)'),
              ],
            },
            markLine: { silent: true, symbol: 'none', label: { formatter: '{c}' }, lineStyle: { type: 'dashed', color: '#555' }, data: PSI_BANDS.map((y) => ({ yAxis: y })) },
          },
        ],
      };
    },
    'wide',
  );

/** The active policy's PSI over time (its own panel: loading, empty with what to do, error with Retry). */
const driftPanel = (): HTMLElement =>
  asyncPanel('panel-drift', 'portfolio.driftPanel', async () => {
    const { version, points } = await loadDrift();
    if (points.length === 0) return [emptyState(t('portfolio.driftEmpty', { version }))];
    const last = points[points.length - 1]!;
    return [
      driftChart(version, points),
      h('p', { id: 'drift-latest' }, t('portfolio.driftLatest', { date: last.date, psi: psiText(last.psi), band: t(`psi.${psiBand(last.psi)}`), customers: formatNumber(last.customers) })),
      h('p', { class: 'muted small' }, t('portfolio.driftNote')),
    ];
  });

/** The rows as CSV, the columns as shown (values raw: minor units and PD as numbers, ISO times). */
export const portfolioCsv = (rows: readonly Row[]): string =>
  stringify(
    rows.map((r) => [r.customerId, r.name ?? '', r.country ?? '', r.grade ?? '', r.ratingStatus ?? '', r.pd ?? '', r.limit?.amountMinor ?? '', r.limit?.currency ?? '', r.exposure?.amountMinor ?? '', r.segment ?? '', r.frozen, r.ratedAt ?? '']),
    { header: true, columns: ['customerId', 'name', 'country', 'grade', 'ratingStatus', 'pd', 'limitMinor', 'currency', 'exposureMinor', 'segment', 'frozen', 'ratedAt'] },
  );

const download = (fileName: string, text: string): void => {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: fileName, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

export const portfolioView = async (params: URLSearchParams): Promise<Child[]> => {
  const q = params.get('q') ?? '';
  const grade = params.get('grade') ?? '';
  const shown = Math.max(PAGE, Number(params.get('shown') ?? PAGE) || PAGE);
  const rows = await loadAll({ ...(q ? { q } : {}), ...(grade ? { grade } : {}) });
  const columns: Column<Row>[] = [
    { label: t('term.customer'), value: (r) => h('a', { href: `#/customer/${encodeURIComponent(r.customerId)}` }, r.name ?? r.customerId, h('span', { class: 'muted small block' }, r.customerId)) },
    { label: t('term.country'), value: (r) => r.country ?? '—' },
    { label: t('term.grade'), value: (r) => (r.grade ? h('span', { class: 'grade' }, r.grade) : badge(gradeLabel(r))) },
    { label: t('term.pd'), value: (r) => formatPercent(r.pd), num: true },
    { label: t('term.limit'), value: (r) => formatMoney(r.limit?.amountMinor, r.limit?.currency), num: true },
    { label: t('term.exposure'), value: (r) => formatMoney(r.exposure?.amountMinor, r.exposure?.currency), num: true },
    { label: t('term.segment'), value: (r) => (r.segment ? tMaybe(`segment.${r.segment}`, r.segment) : '—') },
    { label: t('term.frozen'), value: (r) => (r.frozen ? badge(t('term.frozen'), 'bad') : '') },
  ];
  const search = h('input', { type: 'search', id: 'portfolio-q', name: 'q', value: q, maxlength: 100, placeholder: t('portfolio.searchPlaceholder') });
  const gradeSelect = h('select', { id: 'portfolio-grade', name: 'grade' }, h('option', { value: '' }, t('portfolio.allGrades')), GRADES.map((g) => h('option', { value: g, selected: g === grade }, g)));
  const form = h(
    'form',
    { class: 'toolbar', role: 'search', on: { submit: (e) => { e.preventDefault(); location.hash = link('portfolio', { q: search.value.trim(), grade: gradeSelect.value }); } } },
    h('label', { for: 'portfolio-q' }, t('portfolio.search')),
    search,
    h('label', { for: 'portfolio-grade' }, t('term.grade')),
    gradeSelect,
    h('button', { type: 'submit' }, t('portfolio.apply')),
    q || grade ? h('a', { href: '#/portfolio' }, t('portfolio.clear')) : null,
  );
  const exportButton = h('button', { type: 'button', class: 'secondary', disabled: rows.length === 0, on: { click: () => download(`portfolio-${new Date().toISOString().slice(0, 10)}.csv`, portfolioCsv(rows)) } }, t('portfolio.exportCsv'));
  return [
    heading('nav.portfolio'),
    form,
    h('p', { class: 'toolbar' }, h('span', { class: 'muted', id: 'portfolio-count' }, t('portfolio.count', { count: formatNumber(rows.length) })), exportButton),
    rows.length ? charts(rows) : null,
    driftPanel(),
    table(columns, rows.slice(0, shown), q || grade ? t('portfolio.emptyFiltered') : t('portfolio.empty'), t('nav.portfolio')),
    rows.length > shown ? h('p', {}, h('a', { href: link('portfolio', { q, grade, shown: shown + PAGE }), class: 'button secondary' }, t('portfolio.showMore'))) : null,
  ];
};
