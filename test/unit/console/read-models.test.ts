import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { listAlerts, MAX_ALERT_WINDOW_HOURS } from '../../../shared/domain/console/alerts.js';
import { listPortfolio, matchesSearch, PortfolioQuerySchema, toPortfolioRow } from '../../../shared/domain/console/portfolio.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';

const at = '2026-05-01T12:00:00.000Z';

describe('toPortfolioRow', () => {
  it('shows grade, PD, limit, segment and the freeze flag, and no contact data', () => {
    // Prepare
    const profile = {
      ...newProfile('c-1', 'business', new Date(at)),
      fields: {
        legalName: { value: 'Acme GmbH', source: 'crm:zoho:z1', observedAt: at },
        email: { value: 'ceo@acme.example', source: 'crm:zoho:z1', observedAt: at },
        country: { value: 'DE', source: 'api:key:k', observedAt: at },
      },
      rating: {
        status: 'rated' as const, policyVersion: 3, grade: 'BB', pd: 0.031, score: 612, reasons: [],
        rfm: { r: 4, f: 3, m: 5, segment: 'loyal' }, limit: { recommended: { amountMinor: 1_500_000, currency: 'EUR' }, factors: [] },
        inputsHash: 'h', ratedAt: at,
      },
      freeze: { reason: 'default', frozenAt: at, by: 'policy:v3' },
    };
    // Act
    const row = toPortfolioRow(profile);
    // Assess
    expect(row).toEqual({
      customerId: 'c-1', kind: 'business', name: 'Acme GmbH', country: 'DE', ratingStatus: 'rated', grade: 'BB', pd: 0.031, score: 612,
      segment: 'loyal', limit: { amountMinor: 1_500_000, currency: 'EUR' }, policyVersion: 3, ratedAt: at, frozen: true, updatedAt: at,
    });
    expect(JSON.stringify(row)).not.toContain('ceo@acme.example');
  });

  it('shows the open exposure in the customer\'s currency once there is any', () => {
    // Prepare
    const base = newProfile('c-2', 'business', new Date(at));
    const withInvoices = { ...base, aggregates: { ...base.aggregates, currency: 'CNY', exposure: { ...base.aggregates.exposure, openInvoiceCount: 2, openMinor: 880_000 } } };
    // Act / Assess
    expect(toPortfolioRow(withInvoices).exposure).toEqual({ amountMinor: 880_000, currency: 'CNY' });
    expect(toPortfolioRow(base).exposure).toBeUndefined();
  });

  it('validates the query: page size bounds, grade shape, cursor alphabet, no unknown parameters', () => {
    expect(PortfolioQuerySchema.parse({ q: '  上海 ' })).toEqual({ limit: 50, q: '上海' });
    for (const bad of [{ q: '' }, { q: 'x'.repeat(101) }]) expect(PortfolioQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(PortfolioQuerySchema.parse({})).toEqual({ limit: 50 });
    for (const bad of [{ limit: '0' }, { limit: '201' }, { grade: '<b>' }, { cursor: 'a/b' }, { sort: 'name' }]) expect(PortfolioQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('portfolio search', () => {
  const profile = (customerId: string, name: string, identifiers: Array<{ scheme: 'cn_uscc' | 'vat'; value: string }> = []) => ({
    ...newProfile(customerId, 'business', new Date(at)),
    fields: { legalName: { value: name, source: 'crm:zoho:z1', observedAt: at } },
    identifiers: identifiers.map((i) => ({ ...i, source: 'crm:zoho:z1', observedAt: at })),
  });
  const shanghai = profile('c-sh', '上海华信贸易有限公司', [{ scheme: 'cn_uscc', value: '91310000MA1FL8XQ3K' }]);
  const acme = profile('c-acme', 'ACME Gmbh', [{ scheme: 'vat', value: 'DE 123 456 789' }]);

  it('finds a customer by part of its name (Chinese included, case-insensitive), its id or an identifier', () => {
    expect(matchesSearch(shanghai, '华信')).toBe(true);
    expect(matchesSearch(acme, 'acme gmbh')).toBe(true);
    expect(matchesSearch(acme, 'c-ACME')).toBe(true);
    expect(matchesSearch(shanghai, '91310000ma1fl8xq3k')).toBe(true);
    expect(matchesSearch(acme, 'de123456789')).toBe(true);
    expect(matchesSearch(acme, '华信')).toBe(false);
    expect(matchesSearch(shanghai, 'DE123')).toBe(false);
  });

  it('filters every page of the listing and keeps following its cursor', async () => {
    // Prepare
    const pages = [{ profiles: [shanghai, acme], cursor: 'next' }, { profiles: [acme] }];
    const seen: Array<string | undefined> = [];
    const customers = { async page(q: { cursor?: string }) { seen.push(q.cursor); return pages[seen.length - 1]!; } };
    // Act
    const first = await listPortfolio({ customers })({ limit: 50, q: '华信' });
    const second = await listPortfolio({ customers })({ limit: 50, q: '华信', cursor: first.cursor! });
    // Assess
    expect(first.customers.map((c) => c.customerId)).toEqual(['c-sh']);
    expect(first.cursor).toBe('next');
    expect(second.customers).toEqual([]);
    expect(second.cursor).toBeUndefined();
  });
});

describe('listAlerts', () => {
  const event = (id: string, occurredAt: string, type = 'alert.raised', data: Record<string, unknown> = {}): EventEnvelope => ({
    id: `evt_${id.padStart(26, '0')}`, type, version: 1, occurredAt, customerId: 'c-1', sequence: 1,
    data: { alertId: `al-${id}`, rule: 'dpd_threshold', severity: 'warning', message: 'Days past due crossed 30', measures: [], raisedAt: occurredAt, ...data },
  });
  const calls: Array<[string, string]> = [];
  const events = {
    async listBetween(from: Date, to: Date, filter: (e: EventEnvelope) => boolean = () => true) {
      calls.push([from.toISOString(), to.toISOString()]);
      return [event('1', '2026-05-01T09:00:00.000Z'), event('2', '2026-05-01T10:00:00.000Z', 'rating.changed'), event('3', '2026-05-01T11:00:00.000Z'), event('4', '2026-05-01T11:30:00.000Z', 'alert.raised', { severity: 'nonsense' })].filter(filter);
    },
  };
  const alerts = listAlerts({ events, clock: fixedClock(at) });

  it('lists valid alert.raised events of the last 24 hours, newest first', async () => {
    // Act
    const result = await alerts({ limit: 200 });
    // Assess
    expect(calls.at(-1)).toEqual(['2026-04-30T12:00:00.000Z', at]);
    expect(result.alerts.map((a) => a.alertId)).toEqual(['al-3', 'al-1']);
    expect(result.alerts[0]).toMatchObject({ customerId: 'c-1', eventId: expect.stringMatching(/^evt_/), occurredAt: '2026-05-01T11:00:00.000Z' });
  });

  it('refuses a reversed or too wide window with a field path', async () => {
    await expect(alerts({ since: '2026-05-02T00:00:00Z', until: at, limit: 10 })).rejects.toBeInstanceOf(ValidationError);
    const wide = new Date(Date.parse(at) - (MAX_ALERT_WINDOW_HOURS + 1) * 3_600_000).toISOString();
    await expect(alerts({ since: wide, limit: 10 })).rejects.toMatchObject({ issues: [{ path: 'since' }] });
  });
});
