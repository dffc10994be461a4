import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Reproductions of the write defects found on main (trust issue), each answered now as the README states. */
describe('write semantics of PUT /v1/customers/{id}', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps the kind on a partial update: a consumer stays a consumer when only the city is sent', async () => {
    const created = await t.api('PUT', '/v1/customers/ws-jane', { body: { kind: 'consumer', fields: { legalName: 'Jane Doe', country: 'US' } } });
    expect(created.status).toBe(201);
    const update = await t.api('PUT', '/v1/customers/ws-jane', { body: { fields: { city: 'Boston' } } });
    expect(update.status).toBe(200);
    expect(update.json.profile.kind).toBe('consumer');
    expect(update.json.changedFields).toEqual(['fields.city']);
    const events = await t.api('GET', '/v1/customers/ws-jane/events');
    expect(events.json.events.map((e: { data: { changedFields: string[] } }) => e.data.changedFields)).not.toContainEqual(expect.arrayContaining(['kind']));
    const explicit = await t.api('PUT', '/v1/customers/ws-jane', { body: { kind: 'business' } });
    expect(explicit.json.profile.kind).toBe('business');
  });

  it('refuses an observation time in the future, so no field can be pinned, and lets later corrections win', async () => {
    const pinned = await t.api('PUT', '/v1/customers/ws-pin', { body: { kind: 'business', fields: { legalName: 'A GmbH' }, observedAt: '2999-01-01T00:00:00Z' } });
    expect(pinned.status).toBe(422);
    expect(pinned.json.errors).toEqual([expect.objectContaining({ path: 'observedAt', code: 'future_time' })]);
    expect((await t.api('GET', '/v1/customers/ws-pin')).status).toBe(404);
    const skewed = new Date(Date.now() + 60_000).toISOString();
    expect((await t.api('PUT', '/v1/customers/ws-pin', { body: { fields: { legalName: 'A GmbH' }, observedAt: skewed } })).status).toBe(201);
    const corrected = await t.api('PUT', '/v1/customers/ws-pin', { body: { fields: { legalName: 'A Holding GmbH' }, observedAt: new Date(Date.now() + 120_000).toISOString() } });
    expect(corrected.json.profile.fields.legalName.value).toBe('A Holding GmbH');
    const old = await t.api('PUT', '/v1/customers/ws-pin', { body: { fields: { legalName: 'Old Name' }, observedAt: '2020-01-01T00:00:00Z' } });
    expect(old.status).toBe(200);
    expect(old.json.profile.fields.legalName.value).toBe('A Holding GmbH');
  });

  it('answers 422 with paths, never 500, for numbers in text fields, numbers beyond 2^53 and untyped contact fields', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ fields: { legalName: 1e308 } }, ['fields.legalName']],
      [{ fields: { legalName: 9007199254740993 } }, ['fields.legalName']],
      [{ fields: { email: 42, phone: true } }, ['fields.email', 'fields.phone']],
      [{ fields: { email: 'not-an-address', country: 'XX' } }, ['fields.country', 'fields.email']],
      [{ fields: { phone: '030 1234567' } }, ['fields.phone']],
      [{ fields: { website: 'javascript:alert(1)' } }, ['fields.website']],
    ];
    for (const [body, paths] of cases) {
      const r = await t.api('PUT', '/v1/customers/ws-typed', { body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.errors.map((e: { path: string }) => e.path).sort(), JSON.stringify(body)).toEqual(paths);
    }
    expect((await t.api('GET', '/v1/customers/ws-typed')).status).toBe(404);
    const ok = await t.api('PUT', '/v1/customers/ws-typed', { body: { fields: { legalName: 'Typed GmbH', country: 'de', phone: '030 1234567', email: 'Info@Typed.DE' } } });
    expect(ok.status).toBe(201);
    expect(ok.json.profile.fields).toMatchObject({ country: { value: 'DE' }, phone: { value: '+49301234567' }, email: { value: 'Info@typed.de' } });
  });

  it('PATCH (merge patch): null deletes a field with a tombstone, so older observations from any source do not bring it back', async () => {
    const path = '/v1/customers/ws-patch';
    const mergePatch = (body: unknown) => t.api('PATCH', path, { rawBody: JSON.stringify(body), headers: { 'content-type': 'application/merge-patch+json' } });
    expect((await mergePatch({ fields: { city: 'Berlin' } })).status).toBe(404);
    expect((await t.api('PUT', path, { body: { kind: 'business', fields: { legalName: 'Patch GmbH', city: 'Berlin', phone: '+49301234567' }, observedAt: '2026-01-01T00:00:00Z' } })).status).toBe(201);

    const deleted = await mergePatch({ fields: { city: null, legalName: 'Patch Holding GmbH' } });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.json.changedFields.sort()).toEqual(['fields.city', 'fields.legalName']);
    expect(deleted.json.profile.fields.city).toBeUndefined();
    expect(deleted.json.profile.fields.phone.value).toBe('+49301234567');
    expect(deleted.json.profile.tombstones.city).toMatchObject({ source: expect.stringMatching(/^api:/), observedAt: expect.any(String) });

    // An older observation (API or CRM) does not resurrect the value; a newer one does.
    const older = await t.api('PUT', path, { body: { fields: { city: 'Hamburg' }, observedAt: '2026-02-01T00:00:00Z' } });
    expect(older.json.profile.fields.city).toBeUndefined();
    expect(older.json.changedFields).toEqual([]);
    const newer = await t.api('PUT', path, { body: { fields: { city: 'Munich' } } });
    expect(newer.json.profile.fields.city.value).toBe('Munich');
    expect(newer.json.profile.tombstones).toBeUndefined();

    const events = (await t.api('GET', `${path}/events`)).json.events.filter((e: { type: string }) => e.type === 'customer.updated');
    expect(events.map((e: { data: { changedFields: string[] } }) => e.data.changedFields)).toContainEqual(expect.arrayContaining(['fields.city']));

    const refused: Array<[unknown, string[]]> = [
      [{ fields: { colour: null } }, ['fields.colour']],
      [{ fields: { email: 42 } }, ['fields.email']],
      [{ identifiers: [] }, ['identifiers']],
      [{ observedAt: '2999-01-01T00:00:00Z', fields: { city: null } }, ['observedAt']],
    ];
    for (const [body, paths] of refused) {
      const r = await mergePatch(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(paths);
    }
    expect((await t.api('GET', path)).json.profile.fields.city.value).toBe('Munich');
  });
});
