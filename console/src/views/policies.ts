import { client, ok } from '../api.js';
import { chart } from '../charts.js';
import { h, type Child } from '../dom.js';
import { formatMoney, formatNumber, formatPercent, t, time, tMaybe } from '../i18n/i18n.js';
import { populationStability } from '../psi.js';
import type { Session } from '../session.js';
import { actionButton, badge, heading, kv, table } from '../ui.js';

interface PolicyState {
  version: number;
  status: string;
  author: string;
}

const statusBadge = (status: string): HTMLElement => badge(tMaybe(`policyStatus.${status}`, status), status === 'active' ? 'ok' : undefined);

/** The lifecycle buttons; each one the caller may not use is disabled with the reason (four eyes for Approve). */
const actions = (p: PolicyState, session: Session, reload: () => void): HTMLElement => {
  const api = client();
  const version = { params: { path: { version: p.version } } };
  const wrongState = t('policies.wrongState', { status: tMaybe(`policyStatus.${p.status}`, p.status) });
  const lacks = (scope: string) => (session.scopes && !session.scopes.includes(scope) ? t('policies.noScope', { scope }) : undefined);
  const approveWhy = p.status !== 'backtested' ? wrongState : p.author === session.principalId ? t('policies.authorCannotApprove') : lacks('policies:approve');
  return h(
    'div',
    { class: 'actions' },
    actionButton(t('policies.backtest'), () => ok(api.POST('/v1/policies/{version}/backtest', version)), reload, p.status === 'draft' || p.status === 'backtested' ? lacks('policies:manage') : wrongState),
    actionButton(t('policies.approve'), () => ok(api.POST('/v1/policies/{version}/approve', version)), reload, approveWhy),
    actionButton(t('policies.activate'), () => ok(api.POST('/v1/policies/{version}/activate', version)), reload, p.status === 'approved' ? lacks('policies:approve') : wrongState),
  );
};

export const policiesView = async (session: Session, reload: () => void): Promise<Child[]> => {
  const { policies } = await ok(client().GET('/v1/policies'));
  return [
    heading('nav.policies'),
    h('p', { class: 'muted' }, t('policies.lifecycle')),
    table(
      [
        { label: t('term.policy'), value: (p) => h('a', { href: `#/policy/${p.version}` }, t('term.version', { version: p.version })) },
        { label: t('policies.name'), value: (p) => p.name },
        { label: t('policies.status'), value: (p) => statusBadge(p.status) },
        { label: t('policies.author'), value: (p) => (p.author === session.principalId ? t('policies.you') : p.author) },
        { label: t('policies.activated'), value: (p) => time(p.activatedAt) },
        { label: t('policies.actions'), value: (p) => actions(p, session, reload) },
      ],
      policies,
      t('policies.empty'),
      t('nav.policies'),
    ),
  ];
};

export const policyView = async (version: number, session: Session, reload: () => void): Promise<Child[]> => {
  const { policy: record } = await ok(client().GET('/v1/policies/{version}', { params: { path: { version } } }));
  const report = record.backtest;
  const state = { version: record.policy.version, status: record.status, author: record.author };
  return [
    h('p', {}, h('a', { href: '#/policies' }, t('policies.back'))),
    heading('policies.title', { version: record.policy.version, name: record.policy.name }),
    h('p', {}, statusBadge(record.status)),
    actions(state, session, reload),
    kv([
      [t('policies.author'), record.author === session.principalId ? t('policies.you') : record.author],
      [t('policies.approvals'), record.approvals.map((a) => a.by).join(', ') || '—'],
      [t('policies.activated'), time(record.activatedAt)],
    ]),
    h('h2', {}, t('policies.backtestTitle')),
    report
      ? [
          h('p', {}, t('policies.backtestSummary', { active: report.activeVersion, profiles: formatNumber(report.profiles), upgrades: formatNumber(report.upgrades), downgrades: formatNumber(report.downgrades) })),
          migrationHeatmap(report.grades, report.migration),
          gradeShift(report.grades, report.countsByGrade, report.activeVersion, report.draftVersion),
          table(
            Object.keys(report.limits).length ? [
              { label: t('policies.currency'), value: ([c]) => c },
              { label: t('policies.activeLimits'), value: ([c, l]) => formatMoney(l.activeMinor, c), num: true },
              { label: t('policies.draftLimits'), value: ([c, l]) => formatMoney(l.draftMinor, c), num: true },
              { label: t('policies.delta'), value: ([c, l]) => formatMoney(l.deltaMinor, c), num: true },
            ] : [],
            Object.entries(report.limits),
            t('policies.noLimits'),
          ),
        ]
      : h('p', { class: 'empty' }, t('policies.notBacktested')),
  ];
};

/** The backtest migration matrix (active grade → draft grade) as a heat map. */
export const migrationHeatmap = (grades: string[], migration: Record<string, Record<string, number>>): HTMLElement => {
  const cells = grades.flatMap((from, y) => grades.map((to, x) => [x, y, migration[from]?.[to] ?? 0]));
  const max = Math.max(1, ...cells.map((c) => c[2] ?? 0));
  return chart(t('chart.migrationMatrix'), () => ({
    grid: { left: 70, right: 20, top: 30, bottom: 80 },
    tooltip: { position: 'top' },
    xAxis: { type: 'category', data: grades, name: t('policies.draftGrade'), nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
    yAxis: { type: 'category', data: grades, name: t('policies.activeGrade'), inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f4f8fc', '#1f5fa8'] } },
    series: [{ type: 'heatmap', name: t('term.customers'), data: cells, label: { show: true } }],
  }), 'wide');
};

/**
 * PSI on the policies screen. The API has no training distribution yet, so this is the grade
 * distribution shift of the backtest: the same customers graded by the active policy (expected)
 * and by this draft (actual). The caption says so; bars show each grade's share under both.
 */
export const gradeShift = (grades: string[], counts: { active: Record<string, number>; draft: Record<string, number> }, active: number, draft: number): HTMLElement => {
  const psi = populationStability(grades, counts.active, counts.draft);
  const label = psi.value === undefined
    ? t('chart.psiNone')
    : t('chart.psi', { psi: formatNumber(psi.value, { maximumFractionDigits: 3, minimumFractionDigits: 3 }), band: t(`psi.${psi.band ?? 'stable'}`), active, draft });
  return h('div', { class: 'psi' },
    chart(label, () => ({
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v, 1) },
      xAxis: { type: 'category', data: grades },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v, 0) } },
      series: [
        { type: 'bar', name: t('policies.activeShare', { version: active }), data: psi.rows.map((r) => r.expected) },
        { type: 'bar', name: t('policies.draftShare', { version: draft }), data: psi.rows.map((r) => r.actual) },
      ],
    }), 'wide'),
    h('p', { class: 'muted small', id: 'psi-note' }, t('policies.psiNote')));
};
