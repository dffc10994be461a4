import { client, ok } from '../api.js';
import { clear, h, type Child } from '../dom.js';
import { formatNumber, formatPercent, t, time, tMaybe, type MessageKey } from '../i18n/i18n.js';
import type { Got, Profile } from '../types.js';
import { badge, describeError, emptyState, kv, table } from '../ui.js';

type Pull = Got<'/v1/customers/{customerId}/bureau-pulls'>['pulls'][number];
type ReportRead = Got<'/v1/bureau/reports/{reportId}'>;
type CustomerEvent = Got<'/v1/customers/{customerId}/events'>['events'][number];

/** How many events a page of the log shows (newest first; Older / Newer page by sequence). */
export const EVENT_LOG_LIMIT = 200;

/**
 * A panel that loads its own data after the page shows: `aria-busy` and a loading line first,
 * then the content, or the error in the user's language with a Retry button. `data-state`
 * (loading | ready | error) tells tests and styles where it is.
 */
export const asyncPanel = (id: string, title: MessageKey, load: () => Promise<Child[]>): HTMLElement => {
  const body = h('div', { class: 'panel-body' });
  const section = h('section', { class: 'card panel', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(title)), body);
  const run = (): void => {
    section.setAttribute('aria-busy', 'true');
    section.dataset['state'] = 'loading';
    clear(body).append(h('p', { class: 'muted' }, t('shell.loading')));
    load().then(
      (children) => {
        clear(body);
        for (const child of children.flat(3)) if (child !== null && child !== undefined && child !== false) body.append(child instanceof Node ? child : String(child));
        section.dataset['state'] = 'ready';
      },
      (error: unknown) => {
        clear(body).append(
          h('p', { class: 'error', role: 'alert' }, t('panel.failed', { detail: describeError(error) })),
          h('button', { type: 'button', class: 'secondary', on: { click: run } }, t('panel.retry')),
        );
        section.dataset['state'] = 'error';
      },
    ).finally(() => section.removeAttribute('aria-busy'));
  };
  run();
  return section;
};

const pullTone = (status: Pull['status']): 'ok' | 'warn' | 'bad' | undefined => (status === 'completed' ? 'ok' : status === 'failed' ? 'bad' : status === 'review' ? 'warn' : undefined);

/** One report read on demand (each read is audited by the hub): lineage, scores, tradeline and record counts. */
const reportDetail = (read: ReportRead): Child[] => {
  const { report, lineage } = read;
  return [
    h('h3', {}, t('bureau.reportTitle', { bureau: tMaybe(`bureau.${report.bureau}`, report.bureau), product: report.product })),
    kv([
      [t('bureau.pulledAt'), time(report.pulledAt)],
      [t('bureau.subjectMatch'), tMaybe(`bureau.match.${lineage.subjectMatch}`, lineage.subjectMatch)],
      [t('bureau.merged'), lineage.merged ? t('bureau.yes') : t('bureau.no')],
      [t('bureau.tradelines'), formatNumber(report.tradelines.length)],
      [t('bureau.inquiries'), formatNumber(report.inquiries.length)],
      [t('bureau.publicRecords'), formatNumber(report.publicRecords.length)],
      [t('bureau.collections'), formatNumber(report.collections.length)],
    ]),
    table(
      [
        { label: t('bureau.model'), value: (s) => s.model },
        { label: t('term.score'), value: (s) => formatNumber(s.value), num: true },
        { label: t('bureau.range'), value: (s) => `${formatNumber(s.min)}–${formatNumber(s.max)}`, num: true },
        { label: t('customer.reasonCode'), value: (s) => s.reasons.map((r) => r.code).join(', ') || '—' },
      ],
      report.scores,
      t('bureau.noScores'),
    ),
  ];
};

/** Bureau reports: the summaries merged into the profile, and the customer's pulls with their reports on demand. */
export const bureauPanel = (p: Profile): HTMLElement =>
  asyncPanel('panel-bureau', 'customer.bureauPanel', async () => {
    const { pulls } = await ok(client().GET('/v1/customers/{customerId}/bureau-pulls', { params: { path: { customerId: p.customerId }, query: { limit: 20 } } }));
    const summaries = Object.values(p.credit);
    const detail = h('div', { class: 'report-detail', id: 'bureau-report', 'aria-live': 'polite' });
    const open = (reportId: string) => (): void => {
      detail.setAttribute('aria-busy', 'true');
      clear(detail).append(h('p', { class: 'muted' }, t('shell.loading')));
      ok(client().GET('/v1/bureau/reports/{reportId}', { params: { path: { reportId } } })).then(
        (read) => clear(detail).append(...reportDetail(read).flat().filter((c): c is HTMLElement => c instanceof Node)),
        (error: unknown) => clear(detail).append(h('p', { class: 'error', role: 'alert' }, t('panel.failed', { detail: describeError(error) }))),
      ).finally(() => detail.removeAttribute('aria-busy'));
    };
    if (pulls.length === 0 && summaries.length === 0) return [emptyState(t('bureau.empty'))];
    return [
      summaries.length
        ? table(
            [
              { label: t('bureau.bureau'), value: (s) => tMaybe(`bureau.${s.bureau}`, s.bureau) },
              { label: t('bureau.product'), value: (s) => s.product },
              { label: t('bureau.pulledAt'), value: (s) => time(s.pulledAt) },
              { label: t('term.score'), value: (s) => s.scores.map((x) => `${x.model} ${formatNumber(x.value)}`).join(', ') || '—' },
              { label: t('bureau.delinquent'), value: (s) => t('bureau.delinquentOf', { delinquent: formatNumber(s.tradelines.delinquentCount), count: formatNumber(s.tradelines.count) }) },
              { label: t('bureau.report'), value: (s) => h('button', { type: 'button', class: 'secondary', on: { click: open(s.reportId) } }, t('bureau.open')) },
            ],
            summaries,
            t('bureau.noSummaries'),
            t('bureau.summaries'),
          )
        : h('p', { class: 'muted' }, t('bureau.noSummaries')),
      h('h3', {}, t('bureau.pulls')),
      table(
        [
          { label: t('bureau.bureau'), value: (x) => tMaybe(`bureau.${x.bureau}`, x.bureau) },
          { label: t('bureau.trigger'), value: (x) => tMaybe(`bureau.trigger.${x.trigger}`, x.trigger) },
          { label: t('bureau.status'), value: (x) => badge(tMaybe(`bureau.status.${x.status}`, x.status), pullTone(x.status)) },
          { label: t('bureau.requestedBy'), value: (x) => x.requestedBy },
          { label: t('bureau.requestedAt'), value: (x) => time(x.createdAt) },
          { label: t('bureau.report'), value: (x) => (x.reportId ? h('button', { type: 'button', class: 'secondary', on: { click: open(x.reportId) } }, t('bureau.open')) : x.reason ?? '—') },
        ],
        pulls,
        t('bureau.noPulls'),
        t('bureau.pulls'),
      ),
      detail,
    ];
  });

/** Partner assessments recorded on the profile (newest first). */
export const assessmentsPanel = (p: Profile): HTMLElement =>
  asyncPanel('panel-assessments', 'customer.assessmentsPanel', async () => [
    table(
      [
        { label: t('assessments.partner'), value: (a) => a.partnerId },
        { label: t('term.grade'), value: (a) => a.grade ?? '—' },
        { label: t('term.pd'), value: (a) => formatPercent(a.pd), num: true },
        { label: t('term.score'), value: (a) => formatNumber(a.score), num: true },
        { label: t('assessments.submittedAt'), value: (a) => time(a.submittedAt) },
      ],
      [...p.assessments].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)),
      t('assessments.empty'),
      t('customer.assessmentsPanel'),
    ),
  ]);

/** What an event says, in words: the few data fields a reader looks for, per type (ids and codes only, no personal data). */
const eventSummary = (e: CustomerEvent): string => {
  const d = e.data as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const grade = (v: unknown): string | undefined => (v && typeof v === 'object' ? text((v as Record<string, unknown>)['grade']) : undefined);
  const parts: Array<string | undefined> = [];
  if (e.type === 'rating.changed') parts.push(grade(d['previous']) ? t('events.gradeFromTo', { from: grade(d['previous']) ?? '—', to: grade(d['current']) ?? '—' }) : grade(d['current']) ? `${t('term.grade')} ${grade(d['current'])}` : undefined);
  if (e.type === 'alert.raised') parts.push(tMaybe(`severity.${text(d['severity']) ?? ''}`, text(d['severity']) ?? ''), text(d['rule']));
  if (e.type === 'customer.activity') parts.push(tMaybe(`events.object.${text(d['objectType']) ?? ''}`, text(d['objectType']) ?? ''), text(d['externalId']));
  if (e.type === 'customer.frozen' || e.type === 'customer.unfrozen') parts.push(text(d['reason']), text(d['by']));
  if (e.type === 'credit_report.received' || e.type === 'assessment.submitted') parts.push(text(d['bureau']) ?? text(d['partnerId']), text(d['reportId']) ?? text(d['grade']));
  return parts.filter(Boolean).join(' · ') || '—';
};

/** One page of the event log, newest first, and whether pages lie beyond it on either side. */
interface EventPage {
  events: CustomerEvent[];
  older: boolean;
  newer: boolean;
}

/** The newest page, the page older than `before`, or the page newer than `after` (sequences); one extra event tells whether more follow. */
const eventPage = async (customerId: string, from: { before?: number; after?: number } = {}): Promise<EventPage> => {
  const limit = EVENT_LOG_LIMIT + 1;
  const query = from.after !== undefined ? { afterSequence: from.after, order: 'asc' as const, limit } : { ...(from.before !== undefined ? { beforeSequence: from.before } : {}), order: 'desc' as const, limit };
  const { events } = await ok(client().GET('/v1/customers/{customerId}/events', { params: { path: { customerId }, query } }));
  const more = events.length > EVENT_LOG_LIMIT;
  const page = events.slice(0, EVENT_LOG_LIMIT);
  if (from.after !== undefined) return { events: page.reverse(), newer: more, older: true };
  return { events: page, older: more, newer: from.before !== undefined };
};

/**
 * The customer's event log: every event emitted about them (rating changes, alerts, freezes, …),
 * newest first, {@link EVENT_LOG_LIMIT} a page, with Older / Newer buttons paging by sequence.
 */
export const eventLogPanel = (customerId: string): HTMLElement =>
  asyncPanel('panel-events', 'customer.eventsPanel', async () => {
    const log = h('div', { class: 'event-log' });
    const show = (page: EventPage): void => {
      const first = page.events[0]?.sequence ?? 0;
      const last = page.events[page.events.length - 1]?.sequence ?? 0;
      const go = (from: { before?: number; after?: number }) => (): void => {
        log.setAttribute('aria-busy', 'true');
        for (const button of log.querySelectorAll('button')) button.disabled = true;
        eventPage(customerId, from).then(
          (next) => {
            show(next);
            log.querySelector<HTMLElement>('.event-range')?.focus();
          },
          (error: unknown) => {
            for (const button of log.querySelectorAll('button')) button.disabled = false;
            log.append(h('p', { class: 'error', role: 'alert' }, t('panel.failed', { detail: describeError(error) })));
          },
        ).finally(() => log.removeAttribute('aria-busy'));
      };
      clear(log).append(
        page.events.length > 0 && (page.older || page.newer) ? h('p', { class: 'muted event-range', tabindex: -1 }, t('events.range', { from: formatNumber(first), to: formatNumber(last) })) : '',
        table(
          [
            { label: t('events.sequence'), value: (e) => formatNumber(e.sequence), num: true },
            { label: t('events.occurredAt'), value: (e) => time(e.occurredAt) },
            { label: t('events.type'), value: (e) => tMaybe(`eventType.${e.type}`, e.type) },
            { label: t('events.summary'), value: eventSummary },
          ],
          page.events,
          t('events.empty'),
          t('customer.eventsPanel'),
        ),
        page.older || page.newer
          ? h(
              'p',
              { class: 'toolbar event-pager' },
              h('button', { type: 'button', class: 'secondary', 'data-page': 'newer', disabled: !page.newer, on: { click: go({ after: first }) } }, t('events.newer')),
              h('button', { type: 'button', class: 'secondary', 'data-page': 'older', disabled: !page.older, on: { click: go({ before: last }) } }, t('events.older')),
            )
          : '',
      );
    };
    show(await eventPage(customerId));
    return [log];
  });
