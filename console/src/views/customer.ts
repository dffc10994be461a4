import { client, ok } from '../api.js';
import { chart } from '../charts.js';
import { h, type Child } from '../dom.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent, t, time, tMaybe } from '../i18n/i18n.js';
import { badge, heading, kv, table } from '../ui.js';
import { assessmentsPanel, bureauPanel, eventLogPanel } from './customer-panels.js';

import type { Profile, Rating } from '../types.js';
const DAY = 86_400_000;

const ratingHistory = (ratings: Rating[]): HTMLElement => {
  const points = [...ratings].filter((r) => r.pd !== undefined).sort((a, b) => a.ratedAt.localeCompare(b.ratedAt));
  return chart(t('chart.ratingHistory'), () => ({
    grid: { left: 50, right: 20, top: 30, bottom: 50 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((r) => formatDateTime(r.ratedAt)), axisLabel: { rotate: 20 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v, 1) } },
    series: [{ type: 'line', name: t('term.pd'), data: points.map((r) => r.pd), label: { show: true, formatter: (p: { dataIndex: number }) => points[p.dataIndex]?.grade ?? '' } }],
  }), 'wide');
};

const exposureAgainstLimit = (p: Profile): HTMLElement => {
  const a = p.aggregates;
  const currency = a.currency ?? p.rating?.limit?.recommended.currency ?? 'EUR';
  const limit = p.rating?.limit?.recommended.amountMinor ?? 0;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const major = (minor: number) => minor / 10 ** digits;
  const labels = [t('term.limit'), t('customer.openExposure'), t('customer.overdue')];
  return chart(t('chart.exposureVsLimit'), () => ({
    grid: { left: 90, right: 20, top: 20, bottom: 30 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(Math.round(v * 10 ** digits), currency) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, { notation: 'compact' }) } },
    yAxis: { type: 'category', data: labels },
    series: [{ type: 'bar', data: [major(limit), major(a.exposure.openMinor), major(a.exposure.overdueMinor)].map((value, i) => ({ value, itemStyle: { color: ['#1f5fa8', '#d9822b', '#b83b5e'][i] } })) }],
  }));
};

const paymentDelays = (p: Profile, now: number): HTMLElement => {
  const invoices = p.aggregates.exposure.openInvoices ?? [];
  const late = p.aggregates.payments.lateCount;
  const onTime = Math.max(0, p.aggregates.payments.count - late);
  return chart(t('chart.paymentDelays'), () => ({
    grid: { left: 50, right: 20, top: 30, bottom: 40 },
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: invoices.map((_, i) => `#${i + 1}`) },
    yAxis: { type: 'value', name: t('customer.daysPastDue'), minInterval: 1 },
    series: [
      { type: 'bar', name: t('customer.openInvoiceDays'), data: invoices.map((inv) => Math.max(0, Math.floor((now - Date.parse(inv.dueAt)) / DAY))) },
      { type: 'pie', name: t('customer.payments'), radius: ['0%', '22%'], center: ['85%', '35%'], label: { show: false }, data: [{ name: t('customer.paidOnTime'), value: onTime }, { name: t('customer.paidLate'), value: late }] },
    ],
  }));
};

/** A waterfall: each reason code moves the score by its points, from the base to the final score. */
const reasonWaterfall = (rating: Rating): HTMLElement => {
  const reasons = rating.reasons.filter((r) => r.points !== undefined);
  const final = rating.score ?? 0;
  const start = final - reasons.reduce((sum, r) => sum + (r.points ?? 0), 0);
  let level = start;
  const base: number[] = [];
  const up: number[] = [];
  const down: number[] = [];
  for (const r of reasons) {
    const pts = r.points ?? 0;
    base.push(pts >= 0 ? level : level + pts);
    up.push(pts >= 0 ? pts : 0);
    down.push(pts < 0 ? -pts : 0);
    level += pts;
  }
  const labels = [t('customer.baseScore'), ...reasons.map((r) => r.code), t('term.score')];
  return chart(t('chart.reasonWaterfall'), () => ({
    grid: { left: 50, right: 20, top: 30, bottom: 50 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 20 } },
    yAxis: { type: 'value', scale: true },
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: [0, ...base, 0] },
      { type: 'bar', stack: 'w', name: t('customer.pointsUp'), itemStyle: { color: '#2e8b57' }, data: [start, ...up, final] },
      { type: 'bar', stack: 'w', name: t('customer.pointsDown'), itemStyle: { color: '#b83b5e' }, data: ['-', ...down, '-'] },
    ],
  }), 'wide');
};

export const customerView = async (id: string): Promise<Child[]> => {
  const api = client();
  const path = { path: { customerId: id } };
  const [{ profile: p }, history] = await Promise.all([
    ok(api.GET('/v1/customers/{customerId}', { params: path })),
    ok(api.GET('/v1/customers/{customerId}/ratings', { params: { ...path, query: { limit: 50 } } })),
  ]);
  const r = p.rating;
  const a = p.aggregates;
  const name = String(p.fields['legalName']?.value ?? p.fields['tradingName']?.value ?? p.customerId);
  return [
    h('p', {}, h('a', { href: '#/portfolio' }, t('customer.back'))),
    heading('customer.title', { name }),
    h('p', { class: 'badges' }, p.freeze ? badge(t('term.frozen'), 'bad') : null, badge(tMaybe(`kind.${p.kind}`, p.kind)), h('span', { class: 'muted small' }, p.customerId)),
    p.freeze ? h('p', { class: 'error' }, t('customer.frozenBy', { by: p.freeze.by, reason: p.freeze.reason }), ' ', time(p.freeze.frozenAt)) : null,
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'c-rating' }, h('h2', { id: 'c-rating' }, t('term.rating')),
        r
          ? kv([
              [t('term.grade'), r.grade ? h('span', { class: 'grade' }, r.grade) : badge(t('status.insufficientData'))],
              [t('term.pd'), formatPercent(r.pd)],
              [t('term.score'), formatNumber(r.score)],
              [t('term.limit'), formatMoney(r.limit?.recommended.amountMinor, r.limit?.recommended.currency)],
              [t('term.segment'), r.rfm ? tMaybe(`segment.${r.rfm.segment}`, r.rfm.segment) : '—'],
              [t('term.policy'), t('term.version', { version: r.policyVersion })],
              [t('customer.ratedAt'), time(r.ratedAt)],
            ])
          : h('p', { class: 'empty' }, t('customer.notRated'))),
      h('section', { class: 'card', 'aria-labelledby': 'c-exposure' }, h('h2', { id: 'c-exposure' }, t('term.exposure')),
        kv([
          [t('customer.openExposure'), formatMoney(a.exposure.openMinor, a.currency)],
          [t('customer.overdue'), formatMoney(a.exposure.overdueMinor, a.currency)],
          [t('customer.maxDaysPastDue'), formatNumber(a.exposure.maxDaysPastDue)],
          [t('customer.payments'), t('customer.paymentsSummary', { count: formatNumber(a.payments.count), late: formatNumber(a.payments.lateCount) })],
          [t('customer.orders'), formatNumber(a.orders.count)],
        ])),
    ),
    h('div', { class: 'charts' }, history.ratings.length ? ratingHistory(history.ratings) : null, exposureAgainstLimit(p), paymentDelays(p, Date.now()), r && r.reasons.some((x) => x.points !== undefined) ? reasonWaterfall(r) : null),
    h('h2', {}, t('customer.reasons')),
    table([{ label: t('customer.reasonCode'), value: (x) => x.code }, { label: t('customer.reason'), value: (x) => x.text }, { label: t('customer.points'), value: (x) => formatNumber(x.points), num: true }], r?.reasons ?? [], t('customer.noReasons')),
    h('h2', {}, t('customer.history')),
    table(
      [
        { label: t('customer.ratedAt'), value: (x) => time(x.ratedAt) },
        { label: t('term.policy'), value: (x) => t('term.version', { version: x.policyVersion }) },
        { label: t('term.grade'), value: (x) => x.grade ?? '—' },
        { label: t('term.pd'), value: (x) => formatPercent(x.pd), num: true },
        { label: t('term.limit'), value: (x) => formatMoney(x.limit?.recommended.amountMinor, x.limit?.recommended.currency), num: true },
      ],
      history.ratings,
      t('customer.noHistory'),
    ),
    h('h2', {}, t('customer.fields')),
    table(
      [
        { label: t('customer.field'), value: ([name]) => tMaybe(`field.${name}`, name) },
        { label: t('customer.value'), value: ([, v]) => String(v?.value ?? '—') },
        { label: t('customer.source'), value: ([, v]) => v?.source ?? '—' },
        { label: t('customer.observedAt'), value: ([, v]) => time(v?.observedAt) },
      ],
      Object.entries(p.fields),
      t('customer.noFields'),
    ),
    h('h2', {}, t('customer.identifiers')),
    table([{ label: t('customer.scheme'), value: (i) => i.scheme }, { label: t('customer.value'), value: (i) => i.value }, { label: t('customer.source'), value: (i) => i.source }], p.identifiers, t('customer.noIdentifiers')),
    bureauPanel(p),
    assessmentsPanel(p),
    eventLogPanel(p.customerId),
  ];
};
