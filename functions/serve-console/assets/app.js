// The risk console: hash-routed views over the hub's admin API. No framework, no build step.
import { api, ApiError, forgetKey, getKey, query, setKey } from '/console/api.js';
import { append, badge, clear, h, json, kv, money, num, pct, table, text, when } from '/console/dom.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const toastEl = document.getElementById('toast');
/** Replaces the main area (skips null/false children, flattens arrays). */
const show = (...children) => append(clear(main), children);

let toastTimer;
const toast = (message, isError = false) => {
  toastEl.textContent = message;
  toastEl.className = isError ? 'error' : '';
  toastEl.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toastEl.hidden = true), 5000);
};

const go = (hash) => {
  location.hash = hash;
};

const moneyOf = (m) => (m ? money(m.amountMinor, m.currency) : '—');
const severity = (s) => badge(s, s === 'critical' ? 'bad' : s === 'warning' ? 'warn' : undefined);
const customerLink = (id) => (id ? h('a', { href: `#/customer/${encodeURIComponent(id)}` }, id) : '—');

// ------------------------------------------------------------------------------------------
// Sign-in

const signIn = (message) => {
  nav.hidden = true;
  const input = h('input', { type: 'password', id: 'key', autocomplete: 'off', placeholder: 'rbk_…', required: true });
  const error = h('p', { class: 'error' }, message ?? '');
  const form = h(
    'form',
    {
      class: 'card login',
      on: {
        submit: async (event) => {
          event.preventDefault();
          const key = input.value.trim();
          try {
            await api('GET', '/v1/customers?limit=1', undefined, key);
            setKey(key);
            route();
          } catch (e) {
            error.textContent = e instanceof ApiError && (e.status === 401 || e.status === 403) ? 'That key is not an admin key with customers:read.' : `Cannot reach the hub: ${e.message}`;
          }
        },
      },
    },
    h('h2', {}, 'Sign in'),
    h('label', { for: 'key' }, 'Admin API key'),
    input,
    h('p', { class: 'muted small' }, 'Kept in this tab only (sessionStorage), sent as a Bearer token to this hub. Closing the tab forgets it.'),
    h('button', { type: 'submit' }, 'Open console'),
    error,
  );
  show(form);
  input.focus();
};

// ------------------------------------------------------------------------------------------
// Portfolio

const portfolio = async (params) => {
  const grade = params.get('grade') ?? '';
  const gradeInput = h('input', { type: 'text', value: grade, placeholder: 'e.g. BB', size: 6, 'aria-label': 'grade filter' });
  const rows = [];
  const body = h('div');
  let cursor;
  const more = h('button', { type: 'button', class: 'secondary', on: { click: () => load() } }, 'Load more');
  const count = h('span', { class: 'muted' });
  const render = () => {
    clear(body).append(
      table(
        [
          { label: 'Customer', value: (r) => h('span', {}, h('strong', {}, r.name ?? '—'), h('br'), h('span', { class: 'muted small' }, r.customerId)) },
          { label: 'Kind', value: (r) => r.kind },
          { label: 'Country', value: (r) => text(r.country) },
          { label: 'Grade', value: (r) => (r.grade ? h('span', { class: 'grade' }, r.grade) : badge(r.ratingStatus === 'insufficient_data' ? 'insufficient data' : 'unrated')) },
          { label: 'PD', value: (r) => pct(r.pd), num: true },
          { label: 'Limit', value: (r) => moneyOf(r.limit), num: true },
          { label: 'Segment', value: (r) => text(r.segment) },
          { label: 'Frozen', value: (r) => (r.frozen ? badge('frozen', 'bad') : '') },
          { label: 'Rated', value: (r) => h('span', { class: 'small' }, when(r.ratedAt)) },
        ],
        rows,
        { empty: 'No customers.', onRow: (r) => go(`#/customer/${encodeURIComponent(r.customerId)}`) },
      ),
    );
    count.textContent = `${rows.length} shown`;
    more.hidden = !cursor;
  };
  const load = async () => {
    more.disabled = true;
    // A page may come back short (bounded scan work): keep following the cursor until we have some rows.
    let page;
    let rounds = 0;
    do {
      page = await api('GET', `/v1/customers${query({ limit: 50, grade: grade || undefined, cursor })}`);
      rows.push(...page.customers);
      cursor = page.nextCursor ?? undefined;
      rounds++;
    } while (cursor && page.customers.length === 0 && rounds < 10);
    more.disabled = false;
    render();
  };
  show(
    h('h2', {}, 'Portfolio'),
    h(
      'form',
      { class: 'toolbar', on: { submit: (e) => { e.preventDefault(); go(`#/portfolio${query({ grade: gradeInput.value.trim() })}`); } } },
      h('label', {}, 'Grade ', gradeInput),
      h('button', { type: 'submit' }, 'Filter'),
      grade ? h('a', { href: '#/portfolio' }, 'clear') : null,
      count,
    ),
    body,
    h('p', {}, more),
  );
  await load();
};

// ------------------------------------------------------------------------------------------
// Customer detail

const provenance = (v) => h('span', { class: 'muted small' }, `${v.source} · ${when(v.observedAt)}`);

const bureauCard = (s) =>
  h(
    'div',
    { class: 'card' },
    h('h3', {}, `${s.bureau} · ${s.product}`),
    kv([
      ['pulled', when(s.pulledAt)],
      ['subject match', badge(s.subjectMatch, s.subjectMatch === 'match' ? 'ok' : 'warn')],
      ['scores', (s.scores ?? []).map((sc) => `${sc.model}: ${sc.value} (${sc.min}–${sc.max}, ${sc.direction.replaceAll('_', ' ')})`).join('; ') || '—'],
      ['tradelines', `${num(s.tradelines?.count)} (${num(s.tradelines?.delinquentCount)} delinquent, worst ${num(s.tradelines?.worstDaysPastDue)} dpd)`],
      ['past due', money(s.tradelines?.totalPastDueMinor, s.tradelines?.currency)],
      ['inquiries (12 m)', num(s.inquiriesLast12Months)],
      ['public records', s.publicRecords ? `${s.publicRecords.bankruptcies} bankruptcies, ${s.publicRecords.judgments} judgments, ${s.publicRecords.liens} liens` : '—'],
      ['collections', num(s.collections)],
      ...(s.business ? [['business', `founded ${text(s.business.foundedYear)}, ${text(s.business.employees)} employees, paydex ${text(s.business.paydex)}`]] : []),
    ]),
  );

const ratingCard = (r) =>
  h(
    'div',
    { class: 'card' },
    h('h3', {}, 'Rating'),
    r
      ? [
          kv([
            ['status', r.status],
            ['grade', r.grade ? h('span', { class: 'grade' }, r.grade) : '—'],
            ['PD', pct(r.pd)],
            ['score', text(r.score)],
            ['segment', r.rfm ? `${r.rfm.segment} (R${r.rfm.r} F${r.rfm.f} M${r.rfm.m})` : '—'],
            ['recommended limit', moneyOf(r.limit?.recommended)],
            ['policy', `v${r.policyVersion}`],
            ['rated', when(r.ratedAt)],
          ]),
          h('h3', {}, 'Reason codes'),
          table([{ label: 'code', value: (x) => x.code }, { label: 'reason', value: (x) => x.text }, { label: 'points', value: (x) => text(x.points), num: true }], r.reasons ?? [], { empty: 'No reason codes.' }),
          h('h3', {}, 'Limit factors'),
          table([{ label: 'factor', value: (x) => x.name }, { label: 'value', value: (x) => text(x.value), num: true }, { label: 'why', value: (x) => x.reason }], r.limit?.factors ?? [], { empty: 'No limit factors.' }),
          r.warnings?.length ? [h('h3', {}, 'Warnings'), h('ul', {}, r.warnings.map((w) => h('li', {}, `${w.code}: ${w.text}`)))] : null,
        ]
      : h('p', { class: 'muted' }, 'Not rated yet.'),
  );

const customer = async (id) => {
  const [{ profile: p }, ratings, events] = await Promise.all([
    api('GET', `/v1/customers/${encodeURIComponent(id)}`),
    api('GET', `/v1/customers/${encodeURIComponent(id)}/ratings?limit=20`).catch(() => ({ ratings: [] })),
    api('GET', `/v1/customers/${encodeURIComponent(id)}/events?limit=100`).catch(() => ({ events: [] })),
  ]);
  const a = p.aggregates ?? {};
  const cur = a.currency;
  show(
    h('p', {}, h('a', { href: '#/portfolio' }, '← Portfolio')),
    h('h2', {}, `${p.fields?.legalName?.value ?? p.customerId} `, p.freeze ? badge('frozen', 'bad') : null, ' ', badge(p.status), ' ', badge(p.kind)),
    p.freeze ? h('p', { class: 'error' }, `Frozen ${when(p.freeze.frozenAt)} by ${p.freeze.by}: ${p.freeze.reason}`) : null,
    h(
      'div',
      { class: 'grid' },
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Fields'),
        table(
          [{ label: 'field', value: (r) => r[0] }, { label: 'value', value: (r) => text(r[1].value) }, { label: 'source · observed', value: (r) => provenance(r[1]) }],
          Object.entries(p.fields ?? {}),
        ),
        h('h3', {}, 'Identifiers'),
        table([{ label: 'scheme', value: (i) => i.scheme }, { label: 'value', value: (i) => i.value }, { label: 'source · observed', value: (i) => provenance(i) }], p.identifiers ?? []),
        h('p', { class: 'muted small' }, `version ${p.version} · sequence ${p.sequence} · created ${when(p.createdAt)} · updated ${when(p.updatedAt)}`),
      ),
      ratingCard(p.rating),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Aggregates'),
        kv([
          ['currency', text(cur)],
          ['orders', `${num(a.orders?.count)} (${num(a.orders?.cancelledCount)} cancelled), net ${money(a.orders?.netMinor, cur)}`],
          ['open invoices', `${num(a.exposure?.openInvoiceCount)}, ${money(a.exposure?.openMinor, cur)}`],
          ['overdue', `${money(a.exposure?.overdueMinor, cur)}, max ${num(a.exposure?.maxDaysPastDue)} days past due`],
          ['payments', `${num(a.payments?.count)}, ${money(a.payments?.paidMinor, cur)}; ${num(a.payments?.lateCount)} late (max ${num(a.payments?.maxDaysLate)} days)`],
        ]),
        h('h3', {}, 'Partner assessments'),
        table([{ label: 'partner', value: (x) => x.partnerId }, { label: 'grade', value: (x) => text(x.grade) }, { label: 'PD', value: (x) => pct(x.pd), num: true }, { label: 'submitted', value: (x) => when(x.submittedAt) }], p.assessments ?? [], { empty: 'None.' }),
      ),
    ),
    h('h3', {}, 'Bureau summaries'),
    Object.values(p.credit ?? {}).length ? h('div', { class: 'grid' }, Object.values(p.credit).map(bureauCard)) : h('p', { class: 'muted' }, 'No bureau reports.'),
    h('h3', {}, 'Rating history'),
    table(
      [
        { label: 'rated', value: (r) => when(r.ratedAt) },
        { label: 'policy', value: (r) => `v${r.policyVersion}` },
        { label: 'grade', value: (r) => text(r.grade) },
        { label: 'PD', value: (r) => pct(r.pd), num: true },
        { label: 'limit', value: (r) => moneyOf(r.limit?.recommended), num: true },
        { label: 'top reason', value: (r) => text(r.reasons?.[0]?.text) },
      ],
      ratings.ratings ?? [],
      { empty: 'No ratings yet.' },
    ),
    h('h3', {}, 'Events'),
    table(
      [{ label: '#', value: (e) => text(e.sequence), num: true }, { label: 'type', value: (e) => e.type }, { label: 'occurred', value: (e) => when(e.occurredAt) }, { label: 'id', value: (e) => h('span', { class: 'muted small' }, e.id) }],
      [...(events.events ?? [])].reverse(),
      { empty: 'No events.' },
    ),
  );
};

// ------------------------------------------------------------------------------------------
// Alerts

const alerts = async (params) => {
  const hours = Number(params.get('hours') ?? '24');
  const until = new Date();
  const since = new Date(until.getTime() - Math.min(72, Math.max(1, hours)) * 3_600_000);
  const data = await api('GET', `/v1/alerts${query({ since: since.toISOString(), until: until.toISOString() })}`);
  const select = h('select', { 'aria-label': 'window', on: { change: () => go(`#/alerts?hours=${select.value}`) } }, [1, 6, 24, 72].map((n) => h('option', { value: n, selected: n === hours }, `last ${n} h`)));
  show(
    h('h2', {}, 'Alerts'),
    h('div', { class: 'toolbar' }, select, h('span', { class: 'muted' }, `${data.alerts.length} raised since ${when(data.since)}`)),
    table(
      [
        { label: 'raised', value: (a) => when(a.raisedAt) },
        { label: 'severity', value: (a) => severity(a.severity) },
        { label: 'customer', value: (a) => customerLink(a.customerId) },
        { label: 'rule', value: (a) => a.rule },
        { label: 'message', value: (a) => a.message },
        { label: 'measures', value: (a) => (a.measures ?? []).join(', ') || '—' },
        { label: 'policy', value: (a) => (a.policyVersion ? `v${a.policyVersion}` : '—') },
      ],
      data.alerts,
      { empty: 'No alerts in this window.' },
    ),
  );
};

// ------------------------------------------------------------------------------------------
// Policies

const action = (label, run, enabled = true) =>
  h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      disabled: !enabled,
      on: {
        click: async (e) => {
          e.stopPropagation();
          e.target.disabled = true;
          try {
            await run();
            toast(`${label}: done`);
            route();
          } catch (error) {
            toast(`${label}: ${error.message}`, true);
            e.target.disabled = false;
          }
        },
      },
    },
    label,
  );

const policies = async () => {
  const { policies: list } = await api('GET', '/v1/policies');
  show(
    h('h2', {}, 'Risk policies'),
    h('p', { class: 'muted' }, 'draft → backtest → approval by another admin → active. Open a version for its backtest migration matrix.'),
    table(
      [
        { label: 'version', value: (p) => h('a', { href: `#/policy/${p.version}` }, `v${p.version}`) },
        { label: 'name', value: (p) => p.name },
        { label: 'status', value: (p) => badge(p.status, p.status === 'active' ? 'ok' : undefined) },
        { label: 'author', value: (p) => p.author },
        { label: 'approvals', value: (p) => (p.approvals ?? []).map((a) => a.by).join(', ') || '—' },
        { label: 'activated', value: (p) => when(p.activatedAt) },
        {
          label: 'actions',
          value: (p) => [
            action('Backtest', () => api('POST', `/v1/policies/${p.version}/backtest`), p.status === 'draft' || p.status === 'backtested'),
            ' ',
            action('Approve', () => api('POST', `/v1/policies/${p.version}/approve`), p.status === 'backtested'),
            ' ',
            action('Activate', () => api('POST', `/v1/policies/${p.version}/activate`), p.status === 'approved'),
          ],
        },
      ],
      list ?? [],
      { empty: 'No policies.' },
    ),
  );
};

const migrationMatrix = (report) => {
  const grades = report.grades ?? [];
  const rank = (g) => grades.indexOf(g);
  return h(
    'table',
    { class: 'matrix' },
    h('thead', {}, h('tr', {}, h('th', {}, 'active ↓ / draft →'), grades.map((g) => h('th', {}, g)))),
    h(
      'tbody',
      {},
      grades.map((from) =>
        h(
          'tr',
          {},
          h('th', {}, from),
          grades.map((to) => {
            const n = report.migration?.[from]?.[to] ?? 0;
            const cls = from === to ? 'diag' : n && rank(to) < rank(from) ? 'up' : n ? 'down' : undefined;
            return h('td', { class: cls }, n ? String(n) : '·');
          }),
        ),
      ),
    ),
  );
};

const policy = async (version) => {
  const { policy: record } = await api('GET', `/v1/policies/${encodeURIComponent(version)}`);
  const report = record.backtest;
  show(
    h('p', {}, h('a', { href: '#/policies' }, '← Policies')),
    h('h2', {}, `Policy v${record.policy.version} · ${record.policy.name} `, badge(record.status)),
    h(
      'div',
      { class: 'toolbar' },
      action('Backtest', () => api('POST', `/v1/policies/${version}/backtest`), record.status === 'draft' || record.status === 'backtested'),
      action('Approve', () => api('POST', `/v1/policies/${version}/approve`), record.status === 'backtested'),
      action('Activate', () => api('POST', `/v1/policies/${version}/activate`), record.status === 'approved'),
    ),
    kv([
      ['author', record.author],
      ['approvals', (record.approvals ?? []).map((a) => `${a.by} (${when(a.at)})`).join(', ') || '—'],
      ['approved', when(record.approvedAt)],
      ['activated', when(record.activatedAt)],
      ['retired', when(record.retiredAt)],
    ]),
    h('h3', {}, 'Backtest'),
    report
      ? h(
          'div',
          { class: 'card' },
          h('p', {}, `Against active v${report.activeVersion} on ${report.profiles} profiles (${when(report.ranAt)}): ${report.upgrades} upgrades, ${report.downgrades} downgrades.`),
          migrationMatrix(report),
          h('h3', {}, 'Limits'),
          table(
            [
              { label: 'currency', value: (r) => r[0] },
              { label: 'active', value: (r) => money(r[1].activeMinor, r[0]), num: true },
              { label: 'draft', value: (r) => money(r[1].draftMinor, r[0]), num: true },
              { label: 'delta', value: (r) => money(r[1].deltaMinor, r[0]), num: true },
              { label: 'up / down / same', value: (r) => `${r[1].up} / ${r[1].down} / ${r[1].unchanged}` },
            ],
            Object.entries(report.limits ?? {}),
          ),
        )
      : h('p', { class: 'muted' }, 'Not backtested yet.'),
    h('h3', {}, 'Policy JSON'),
    json(record.policy),
  );
};

// ------------------------------------------------------------------------------------------
// Deliveries

const health = (s) =>
  !s.enabled ? badge(`disabled${s.disabledReason ? ` (${s.disabledReason})` : ''}`, 'bad') : s.consecutiveFailures > 0 ? badge(`failing ×${s.consecutiveFailures}`, 'warn') : badge('healthy', 'ok');

const deliveries = async (params) => {
  const { subscriptions } = await api('GET', '/v1/subscriptions');
  const selected = params.get('sub');
  const log = selected ? await api('GET', `/v1/subscriptions/${encodeURIComponent(selected)}/deliveries?limit=50`) : undefined;
  show(
    h('h2', {}, 'Webhook deliveries'),
    table(
      [
        { label: 'subscription', value: (s) => h('a', { href: `#/deliveries?sub=${encodeURIComponent(s.id)}` }, s.id) },
        { label: 'url', value: (s) => s.url },
        { label: 'events', value: (s) => (s.eventTypes ?? []).join(', ') },
        { label: 'health', value: health },
        { label: 'last success', value: (s) => when(s.lastSuccessAt) },
        { label: 'last failure', value: (s) => when(s.lastFailureAt) },
        { label: 'exhausted', value: (s) => num(s.exhaustedCount), num: true },
      ],
      subscriptions ?? [],
      { empty: 'No subscriptions.' },
    ),
    log
      ? [
          h('h3', {}, `Last deliveries of ${selected}`),
          table(
            [
              { label: 'event', value: (d) => d.eventType },
              { label: 'customer', value: (d) => customerLink(d.customerId) },
              { label: 'status', value: (d) => badge(d.status, d.status === 'delivered' ? 'ok' : d.status === 'scheduled' ? undefined : 'bad') },
              { label: 'attempts', value: (d) => num(d.attempts?.length), num: true },
              {
                label: 'last attempt',
                value: (d) => {
                  const last = d.attempts?.[d.attempts.length - 1];
                  return last ? `${when(last.at)} · ${text(last.status)} · ${last.classification} · ${Math.round(last.latencyMs)} ms${last.error ? ` · ${last.error}` : ''}` : '—';
                },
              },
              { label: 'next', value: (d) => when(d.nextAttemptAt) },
            ],
            log.deliveries ?? [],
            { empty: 'No deliveries yet.' },
          ),
        ]
      : h('p', { class: 'muted' }, 'Open a subscription for its delivery log.'),
  );
};

// ------------------------------------------------------------------------------------------
// Audit

const audit = async () => {
  const result = h('div');
  const verify = async () => {
    clear(result).append(h('p', { class: 'muted' }, 'Verifying…'));
    const data = await api('GET', '/v1/audit/verify');
    clear(result).append(
      h('p', {}, data.ok ? badge('chain intact', 'ok') : badge('chain broken', 'bad')),
      table(
        Object.keys(data.chains?.[0] ?? {}).map((k) => ({ label: k, value: (c) => text(c[k]) })),
        data.chains ?? [],
        { empty: 'No audit chains yet.' },
      ),
    );
  };
  show(
    h('h2', {}, 'Audit log'),
    h('p', { class: 'muted' }, 'Every decision, access and configuration change is appended to a hash chain. Verify recomputes every link.'),
    h('button', { type: 'button', on: { click: () => verify().catch((e) => toast(e.message, true)) } }, 'Verify the audit chain'),
    result,
  );
};

// ------------------------------------------------------------------------------------------
// Router

const views = {
  portfolio: (_arg, params) => portfolio(params),
  customer: (arg) => customer(arg),
  alerts: (_arg, params) => alerts(params),
  policies: () => policies(),
  policy: (arg) => policy(arg),
  deliveries: (_arg, params) => deliveries(params),
  audit: () => audit(),
};

async function route() {
  if (!getKey()) return signIn();
  nav.hidden = false;
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'portfolio', ...rest] = (path ?? '').split('/');
  const view = views[name] ?? views.portfolio;
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.view === (name === 'customer' ? 'portfolio' : name === 'policy' ? 'policies' : name));
  show(h('p', { class: 'muted' }, 'Loading…'));
  try {
    await view(arg, new URLSearchParams(search));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetKey();
      return signIn('The key was refused; sign in again.');
    }
    show(h('h2', {}, 'Something went wrong'), h('p', { class: 'error' }, error.message));
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  forgetKey();
  signIn();
});
window.addEventListener('hashchange', () => route());
route();
