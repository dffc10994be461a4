import { client, ok } from '../api.js';
import { h, type Child } from '../dom.js';
import { formatNumber, t, time, tMaybe } from '../i18n/i18n.js';
import { badge, heading, link, table } from '../ui.js';

const WINDOWS = [1, 6, 24, 72];

export const alertsView = async (params: URLSearchParams): Promise<Child[]> => {
  const hours = WINDOWS.includes(Number(params.get('hours'))) ? Number(params.get('hours')) : 24;
  const until = new Date();
  const since = new Date(until.getTime() - hours * 3_600_000);
  const data = await ok(client().GET('/v1/alerts', { params: { query: { since: since.toISOString(), until: until.toISOString() } } }));
  const select = h('select', { id: 'alerts-window', on: { change: () => (location.hash = link('alerts', { hours: select.value })) } }, WINDOWS.map((n) => h('option', { value: n, selected: n === hours }, t('alerts.lastHours', { hours: n }))));
  return [
    heading('nav.alerts'),
    h('div', { class: 'toolbar' }, h('label', { for: 'alerts-window' }, t('alerts.window')), select, h('span', { class: 'muted' }, t('alerts.count', { count: formatNumber(data.alerts.length) }))),
    table(
      [
        { label: t('alerts.raised'), value: (a) => time(a.occurredAt) },
        { label: t('alerts.severity'), value: (a) => badge(tMaybe(`severity.${a.severity}`, a.severity), a.severity === 'critical' ? 'bad' : a.severity === 'warning' ? 'warn' : undefined) },
        { label: t('term.customer'), value: (a) => (a.customerId ? h('a', { href: `#/customer/${encodeURIComponent(a.customerId)}` }, a.customerId) : '—') },
        { label: t('alerts.rule'), value: (a) => tMaybe(`rule.${a.rule}`, a.rule) },
        { label: t('alerts.measures'), value: (a) => (a.measures ?? []).map((m) => tMaybe(`measure.${m}`, m)).join(', ') || '—' },
        { label: t('term.policy'), value: (a) => (a.policyVersion ? t('term.version', { version: a.policyVersion }) : '—') },
      ],
      data.alerts,
      t('alerts.empty'),
      t('term.alert'),
    ),
  ];
};
