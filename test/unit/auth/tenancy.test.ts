import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/auth/principal.js';
import {
  assertActsForConnection,
  assertMayUpsert,
  assertOwnRecordIds,
  connectionOfCrmRecordId,
  connectionOfSource,
  customerAccessOf,
  linkedConnections,
  visibleProfile,
} from '../../../shared/domain/auth/tenancy.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

const at = new Date('2026-12-01T10:00:00Z');
const observedAt = at.toISOString();
const principal = (role: Principal['role'], tenantRef?: string): Principal => ({
  principalId: `key:${role}`,
  keyId: role,
  role,
  scopes: [],
  ...(tenantRef ? { tenantRef } : {}),
});
const admin = principal('admin');
const zoho = principal('crm', 'local-zoho');
const unbound = principal('crm');

/** A profile first seen in the given CRM connection (its record id and the fields it supplied). */
const fromCrm = (crm: string, connectionId: string, recordId = 'R1'): CustomerProfile => ({
  ...newProfile(`c:crm:${crm}:${connectionId}:${recordId}`, 'business', at),
  fields: { legalName: { value: 'Acme', source: `crm:${crm}:${connectionId}`, observedAt } },
  identifiers: [{ scheme: 'crm_record', value: `${crm}:${connectionId}:${recordId}`, source: `crm:${crm}:${connectionId}`, observedAt }],
});
/** A profile written only through the API by an admin. */
const fromApi = (): CustomerProfile => ({
  ...newProfile('api-1', 'business', at),
  fields: { legalName: { value: 'Api Only Ltd', source: 'api:key:admin', observedAt } },
  identifiers: [{ scheme: 'vat', value: 'DE136695976', source: 'api:key:admin', observedAt }],
});

describe('tenancy', () => {
  it('reads the connection out of provenance sources and crm_record ids, nothing out of other sources', () => {
    expect(connectionOfSource('crm:zoho:local-zoho')).toBe('local-zoho');
    expect(connectionOfSource('api:key:abc')).toBeUndefined();
    expect(connectionOfSource('bureau:experian')).toBeUndefined();
    expect(connectionOfSource('crm:zoho')).toBeUndefined();
    expect(connectionOfCrmRecordId('salesforce:sf-eu:001:x')).toBe('sf-eu');
    expect(connectionOfCrmRecordId('zoho:local-zoho:')).toBeUndefined();
  });

  it('links a profile to every connection that supplied a record id, a field or an identifier', () => {
    const profile = fromCrm('zoho', 'local-zoho');
    profile.fields.city = { value: 'Berlin', source: 'crm:hubspot:local-hubspot', observedAt };
    profile.identifiers.push({ scheme: 'crm_record', value: 'generic:t-beta:B9', source: 'api:key:admin', observedAt });
    expect([...linkedConnections(profile)].sort()).toEqual(['local-hubspot', 'local-zoho', 't-beta']);
    expect(linkedConnections(fromApi()).size).toBe(0);
  });

  it('lets admins see every customer and CRM keys only those linked to their connection', () => {
    expect(customerAccessOf(admin)).toMatchObject({ unrestricted: true });
    expect(customerAccessOf(admin).sees(fromApi())).toBe(true);
    expect(customerAccessOf(zoho).sees(fromCrm('zoho', 'local-zoho'))).toBe(true);
    expect(customerAccessOf(zoho).sees(fromCrm('hubspot', 'local-hubspot'))).toBe(false);
    expect(customerAccessOf(zoho).sees(fromApi())).toBe(false);
    expect(customerAccessOf(unbound).sees(fromCrm('zoho', 'local-zoho'))).toBe(false);
    expect(customerAccessOf(principal('partner', 'local-zoho')).sees(fromCrm('zoho', 'local-zoho'))).toBe(false);
  });

  it('answers an invisible customer exactly like an unknown one', () => {
    const hidden = (() => {
      try {
        return visibleProfile('c-1', fromApi(), customerAccessOf(zoho));
      } catch (error) {
        return error as NotFoundError;
      }
    })();
    const unknown = (() => {
      try {
        return visibleProfile('c-1', undefined, customerAccessOf(zoho));
      } catch (error) {
        return error as NotFoundError;
      }
    })();
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((hidden as NotFoundError).message).toBe((unknown as NotFoundError).message);
    expect(visibleProfile('c-1', fromCrm('zoho', 'local-zoho'), customerAccessOf(zoho)).customerId).toBe('c:crm:zoho:local-zoho:R1');
  });

  it('lets a CRM key act only for its own connection', () => {
    expect(() => assertActsForConnection(zoho, 'local-zoho')).not.toThrow();
    expect(() => assertActsForConnection(admin, 'anything')).not.toThrow();
    expect(() => assertActsForConnection(zoho, 'local-hubspot')).toThrow(ForbiddenError);
    expect(() => assertActsForConnection(unbound, 'local-zoho')).toThrow(ForbiddenError);
    expect(() => assertActsForConnection(principal('partner', 'local-zoho'), 'local-zoho')).toThrow(ForbiddenError);
  });

  it('refuses crm_record identifiers of another connection, naming each path', () => {
    const ids = [
      { scheme: 'crm_record', value: 'zoho:local-zoho:A' },
      { scheme: 'vat', value: 'DE136695976' },
      { scheme: 'crm_record', value: 'hubspot:local-hubspot:B' },
    ];
    const error = (() => {
      try {
        assertOwnRecordIds(zoho, ids, (i) => `records[0].identifiers[${i}].value`);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues.map((i) => i.path)).toEqual(['records[0].identifiers[2].value']);
    expect(() => assertOwnRecordIds(admin, ids, String)).not.toThrow();
  });

  it('lets a CRM key update its linked customers and create only customers linked to it', () => {
    const own = { identifiers: [{ scheme: 'crm_record', value: 'zoho:local-zoho:N1' }] };
    const none = { identifiers: [] };
    expect(() => assertMayUpsert(zoho, 'x', fromCrm('zoho', 'local-zoho'), none)).not.toThrow();
    expect(() => assertMayUpsert(zoho, 'x', undefined, own)).not.toThrow();
    expect(() => assertMayUpsert(zoho, 'x', undefined, none)).toThrow(NotFoundError);
    expect(() => assertMayUpsert(zoho, 'x', fromApi(), own)).toThrow(NotFoundError);
    expect(() => assertMayUpsert(zoho, 'x', fromCrm('hubspot', 'local-hubspot'), none)).toThrow(NotFoundError);
    expect(() => assertMayUpsert(zoho, 'x', undefined, { identifiers: [{ scheme: 'crm_record', value: 'hubspot:local-hubspot:N1' }] })).toThrow(ValidationError);
    expect(() => assertMayUpsert(admin, 'x', fromApi(), none)).not.toThrow();
  });
});
