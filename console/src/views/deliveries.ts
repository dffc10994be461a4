import { client, ok } from '../api.js';
import { h, type Child } from '../dom.js';
import { formatNumber, t, time, tMaybe } from '../i18n/i18n.js';
import { actionButton, badge, heading, link, table } from '../ui.js';

export const deliveriesView = async (params: URLSearchParams, reload: () => void): Promise<Child[]> => {
  const api = client();
  const { subscriptions } = await ok(api.GET('/v1/subscriptions'));
  const selected = params.get('sub') ?? '';
  const log = selected ? await ok(api.GET('/v1/subscriptions/{subscriptionId}/deliveries', { params: { path: { subscriptionId: selected }, query: { limit: 50 } } })) : undefined;
  const health = (s: (typeof subscriptions)[number]): HTMLElement =>
    !s.enabled ? badge(t('deliveries.disabled'), 'bad') : s.consecutiveFailures > 0 ? badge(t('deliveries.failing', { count: s.consecutiveFailures }), 'warn') : badge(t('deliveries.healthy'), 'ok');
  return [
    heading('nav.deliveries'),
    table(
      [
        { label: t('deliveries.subscription'), value: (s) => h('a', { href: link('deliveries', { sub: s.id }), 'aria-current': s.id === selected ? 'true' : null }, s.id) },
        { label: t('deliveries.url'), value: (s) => h('span', { class: 'break' }, s.url) },
        { label: t('deliveries.health'), value: health },
        { label: t('deliveries.lastSuccess'), value: (s) => time(s.lastSuccessAt) },
        { label: t('deliveries.exhausted'), value: (s) => formatNumber(s.exhaustedCount), num: true },
      ],
      subscriptions,
      t('deliveries.noSubscriptions'),
      t('deliveries.subscriptions'),
    ),
    log
      ? [
          h('h2', {}, t('deliveries.logOf', { id: selected })),
          table(
            [
              { label: t('deliveries.event'), value: (d) => d.eventType },
              { label: t('term.customer'), value: (d) => (d.customerId ? h('a', { href: `#/customer/${encodeURIComponent(d.customerId)}` }, d.customerId) : '—') },
              { label: t('deliveries.status'), value: (d) => badge(tMaybe(`deliveryStatus.${d.status}`, d.status), d.status === 'delivered' ? 'ok' : d.status === 'scheduled' ? undefined : 'bad') },
              { label: t('deliveries.attempts'), value: (d) => formatNumber(d.attempts.length), num: true },
              { label: t('deliveries.updated'), value: (d) => time(d.updatedAt) },
              {
                label: t('deliveries.replay'),
                value: (d) => actionButton(t('deliveries.replay'), () => ok(api.POST('/v1/subscriptions/{subscriptionId}/replay', { params: { path: { subscriptionId: selected } }, body: { eventId: d.eventId } })), reload),
              },
            ],
            log.deliveries,
            t('deliveries.noDeliveries'),
            t('deliveries.logOf', { id: selected }),
          ),
        ]
      : h('p', { class: 'empty' }, t('deliveries.pick')),
  ];
};
