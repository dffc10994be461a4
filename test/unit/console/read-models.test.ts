import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { listAlerts, MAX_ALERT_WINDOW_HOURS } from '../../../shared/domain/console/alerts.js';
import { PortfolioQuerySchema, toPortfolioRow } from '../../../shared/domain/console/portfolio.js';
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

  it('validates the query: page size bounds, grade shape, cursor alphabet, no unknown parameters', () => {
    expect(PortfolioQuerySchema.parse({})).toEqual({ limit: 50 });
    for (const bad of [{ limit: '0' }, { limit: '201' }, { grade: '<b>' }, { cursor: 'a/b' }, { sort: 'name' }]) expect(PortfolioQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
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
