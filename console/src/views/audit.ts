import { client, ok } from '../api.js';
import { h, type Child } from '../dom.js';
import { formatNumber, t, time } from '../i18n/i18n.js';
import { badge, heading, link, table } from '../ui.js';

export const auditView = async (params: URLSearchParams): Promise<Child[]> => {
  const api = client();
  const actor = params.get('actor') ?? '';
  const action = params.get('action') ?? '';
  const [verdict, page] = await Promise.all([
    ok(api.GET('/v1/audit/verify')),
    ok(api.GET('/v1/audit/entries', { params: { query: { limit: 100, ...(actor ? { actor } : {}), ...(action ? { action } : {}) } } })),
  ]);
  const actorInput = h('input', { id: 'audit-actor', name: 'actor', value: actor, maxlength: 200 });
  const actionInput = h('input', { id: 'audit-action', name: 'action', value: action, maxlength: 100, pattern: '[a-z][a-z0-9_.]*' });
  return [
    heading('nav.audit'),
    h('p', { class: 'muted' }, t('audit.intro')),
    h('section', { class: 'card', 'aria-labelledby': 'audit-verify' },
      h('h2', { id: 'audit-verify' }, t('audit.verification')),
      h('p', {}, verdict.ok ? badge(t('audit.intact'), 'ok') : badge(t('audit.broken'), 'bad'), ' ', verdict.checkpoint ? [t('audit.checkpointAt', { seq: verdict.checkpoint.seq }), ' ', time(verdict.checkpoint.at)] : t('audit.noCheckpoint')),
      table(
        [
          { label: t('audit.chain'), value: (c) => c.chain },
          { label: t('audit.status'), value: (c) => (c.ok ? badge(t('audit.ok'), 'ok') : badge(t('audit.brokenAt', { seq: c.brokenAt ?? '?' }), 'bad')) },
          { label: t('audit.entries'), value: (c) => formatNumber(c.entries), num: true },
        ],
        verdict.chains,
        t('audit.noChains'),
        t('audit.verification'),
      )),
    h('h2', {}, t('audit.explorer')),
    h('form', { class: 'toolbar', on: { submit: (e) => { e.preventDefault(); location.hash = link('audit', { actor: actorInput.value.trim(), action: actionInput.value.trim() }); } } },
      h('label', { for: 'audit-actor' }, t('audit.actor')), actorInput,
      h('label', { for: 'audit-action' }, t('audit.action')), actionInput,
      h('button', { type: 'submit' }, t('portfolio.apply'))),
    table(
      [
        { label: t('audit.at'), value: (e) => time(e.at) },
        { label: t('audit.actor'), value: (e) => e.actor },
        { label: t('audit.action'), value: (e) => e.action },
        { label: t('audit.target'), value: (e) => e.target },
        { label: t('audit.chain'), value: (e) => `${e.chain} #${e.seq}` },
      ],
      page.entries,
      actor || action ? t('audit.emptyFiltered') : t('audit.empty'),
      t('audit.explorer'),
    ),
  ];
};
