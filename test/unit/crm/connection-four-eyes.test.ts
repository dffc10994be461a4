import { describe, expect, it } from 'vitest';
import type { Approval, ApprovalRequest } from '../../../shared/domain/approvals/approval.js';
import { requestApproval } from '../../../shared/domain/approvals/approval.js';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import type { Principal } from '../../../shared/domain/auth/principal.js';
import { connectionFourEyes, personalMappings } from '../../../shared/domain/crm/connection-four-eyes.js';
import { defaultConnectionConfig } from '../../../shared/domain/crm/default-mappings.js';
import { parseConnectionConfig, type ConnectionConfig } from '../../../shared/domain/crm/field-mapping.js';
import type { CustomAttribute } from '../../../shared/domain/profile/custom-attributes.js';

const generic = (objects: Record<string, unknown> = {}): ConnectionConfig => parseConnectionConfig({ connectionId: 'gen-1', crm: 'generic', objects });
const account = (fields: Array<{ from: string; to: string }>, extra: Record<string, unknown> = {}) => ({ Account: { objectType: 'customer', idPath: 'id', modifiedAtPath: 'm', fields, ...extra } });
const attribute = (name: string, pii: boolean): CustomAttribute => ({ name, type: 'boolean', pii, status: 'active', declaredAt: '2026-01-01T00:00:00Z', declaredBy: 'admin' });
const admin = { principalId: 'key:k1', personId: 'ann', role: 'admin', scopes: [], keyId: 'k1' } as unknown as Principal;

const setup = (initial: ConnectionConfig[] = [], attributes: CustomAttribute[] = []) => {
  const stored = new Map(initial.map((c) => [c.connectionId, c]));
  const asked: Approval[] = [];
  const audits: AuditInput[] = [];
  const gate = connectionFourEyes({
    connections: { get: async (id) => stored.get(id), put: async (c) => void stored.set(c.connectionId, c), list: async () => [...stored.values()] },
    audit: { append: async (input) => void audits.push(input) },
    approvals: {
      request: async (request: Omit<ApprovalRequest, 'approvalId'>) => {
        const approval = requestApproval({ ...request, approvalId: `apr_${String(asked.length).padStart(26, '0')}` }, { ref: 'person:ann', principalId: 'key:k1' }, new Date('2026-01-15T10:00:00Z'));
        asked.push(approval);
        return approval;
      },
    },
    customAttributes: { list: async () => attributes },
  });
  return { gate, stored, asked, audits };
};

describe('personalMappings', () => {
  it('finds the contact fields of every CRM template', () => {
    for (const crm of ['zoho', 'fxiaoke', 'hubspot', 'salesforce'] as const) {
      expect(personalMappings(parseConnectionConfig(defaultConnectionConfig(crm, `c-${crm}`)), new Set()).length, crm).toBeGreaterThan(0);
    }
  });

  it('counts contact fields, pii custom attributes, personal identifier schemes and a custom key pattern; nothing else', () => {
    const config = generic({
      ...account([{ from: 'n', to: 'fields.legalName' }, { from: 'c', to: 'fields.country' }, { from: 'o', to: 'custom.owner' }, { from: 't', to: 'custom.tier' }], {
        identifiers: [{ from: 'e', scheme: 'email' }, { from: 'v', scheme: 'vat' }],
        customKeyPattern: '__c$',
      }),
    });
    expect(personalMappings(config, new Set(['owner']))).toEqual(['Account:custom.owner', 'Account:customKeyPattern __c$', 'Account:fields.legalName', 'Account:identifier.email']);
    expect(personalMappings(generic(account([{ from: 'c', to: 'fields.country' }])), new Set())).toEqual([]);
  });
});

describe('connectionFourEyes', () => {
  it('stores a connection without personal data at once and asks for crm_connection.create for one with it, storing nothing', async () => {
    const { gate, stored, asked } = setup();
    expect(await gate.put(generic(), admin)).toMatchObject({ created: true, connection: { connectionId: 'gen-1' } });
    const personal = { ...generic(account([{ from: 'e', to: 'fields.email' }])), connectionId: 'gen-2' };
    const outcome = await gate.put(personal, admin);
    expect(outcome.approval).toMatchObject({ action: 'crm_connection.create', target: 'connection:gen-2', summary: expect.stringContaining('Account:fields.email') });
    expect(stored.has('gen-2')).toBe(false);
    expect(asked).toHaveLength(1);
  });

  it('asks for crm_connection.widen only when personal data is added; narrowing and other changes store at once', async () => {
    const { gate, stored } = setup([generic(account([{ from: 'e', to: 'fields.email' }, { from: 'p', to: 'fields.phone' }]))], [attribute('owner', true), attribute('vip', false)]);
    const narrowed = generic(account([{ from: 'e2', to: 'fields.email' }, { from: 'v', to: 'custom.vip' }]));
    expect(await gate.put(narrowed, admin)).toMatchObject({ created: false });
    expect(stored.get('gen-1')).toEqual(narrowed);
    const widened = generic(account([{ from: 'e', to: 'fields.email' }, { from: 'o', to: 'custom.owner' }]));
    const outcome = await gate.put(widened, admin);
    expect(outcome.approval).toMatchObject({ action: 'crm_connection.widen', summary: expect.stringContaining('Account:custom.owner') });
    expect(stored.get('gen-1')).toEqual(narrowed);
  });

  it('runs a granted approval by storing the approved configuration, audited under the approval (ids and object names only)', async () => {
    const { gate, stored, audits } = setup();
    const personal = generic(account([{ from: 'e', to: 'fields.email' }]));
    const { approval } = await gate.put(personal, admin);
    const result = await gate.executeCreate(approval!);
    expect(result).toEqual({ connection: personal, created: true });
    expect(stored.get('gen-1')).toEqual(personal);
    expect(audits).toEqual([{ actor: `approval:${approval!.approvalId}`, action: 'crm.connection.create', target: 'connection:gen-1', details: { crm: 'generic', objects: ['Account'] } }]);
  });
});
