import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { WatchChannel } from '../../../shared/domain/crm/channel-rearm.js';
import type { ConnectionConfig } from '../../../shared/domain/crm/field-mapping.js';
import { manageConnections, PutConnectionSchema } from '../../../shared/domain/crm/manage-connections.js';
import { toFieldIssues } from '../../../shared/domain/validation.js';
import { toProblem } from '../../../shared/lambda/problem.js';
import { outboundUrlGuard } from '../../../shared/adapters/http/guarded-fetch.js';
import type { Resolver } from '../../../shared/adapters/http/ssrf-guard.js';
import { connection } from './support.js';

/**
 * DNS of the test: the vendors' public API hosts (and `api.hubapi.example`) resolve publicly,
 * `internal.example.com` to a private address; `dns-down.example.com` meets a resolver that cannot answer right now.
 */
const resolve: Resolver = async (hostname) => {
  const table: Record<string, string> = {
    'api.hubapi.com': '104.16.0.1',
    'api.hubapi.example': '104.16.0.2',
    'www.zohoapis.com': '136.143.190.1',
    'accounts.zoho.com': '136.143.190.2',
    'internal.example.com': '10.1.2.3',
  };
  if (hostname === 'dns-down.example.com') throw Object.assign(new Error('EAI_AGAIN'), { code: 'EAI_AGAIN' });
  const address = table[hostname];
  if (!address) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};

const setup = (initial: ConnectionConfig[] = []) => {
  const configs = new Map(initial.map((c) => [c.connectionId, c]));
  const stored = new Map<string, { channel: WatchChannel; token: string }>();
  const audits: AuditInput[] = [];
  const watched: Array<{ channel: WatchChannel; notifyUrl: string; token: string; rearm?: boolean }> = [];
  let tokens = 0;
  const failing = new Set<string>();
  const manage = manageConnections({
    connections: { get: async (id) => configs.get(id), put: async (c) => void configs.set(c.connectionId, c), list: async () => [...configs.values()] },
    channels: { getChannel: async (id) => stored.get(id), putChannel: async (channel, token) => void stored.set(channel.connectionId, { channel, token }), listChannels: async () => [...stored.values()] },
    watcher: {
      watch: async (_c, channel, options) => {
        if (failing.has(channel.connectionId)) throw Object.assign(new Error('zoho down'), { code: 'crm_unavailable' });
        watched.push({ channel, ...options });
      },
    },
    audit: { append: async (input) => void audits.push(input) },
    clock: fixedClock('2025-01-15T10:00:00Z'),
    secrets: { channelId: () => '1736935200000123', token: () => `token-${++tokens}` },
    guardUrl: outboundUrlGuard({ allowLoopback: false, resolve }),
  });
  return { manage, configs, stored, audits, watched, failing };
};

describe('manageConnections', () => {
  it('creates a connection from a template with overrides, then updates it, auditing each', async () => {
    const { manage, audits } = setup();
    const created = await manage.put('acme-hs', PutConnectionSchema.parse({ template: 'hubspot', apiBaseUrl: 'https://api.hubapi.example' }), 'admin-1');
    expect(created.created).toBe(true);
    expect(created.connection).toMatchObject({ connectionId: 'acme-hs', crm: 'hubspot', apiBaseUrl: 'https://api.hubapi.example' });
    // Fields not given keep the template's (the body schema injects no defaults that would replace them).
    expect(created.connection.credentials).toEqual({ accessToken: 'riskbridge/hubspot/acme-hs/private-app-token', clientSecret: 'riskbridge/hubspot/acme-hs/client-secret' });
    const updated = await manage.put('acme-hs', { template: 'hubspot' }, 'admin-1');
    expect(updated.created).toBe(false);
    expect(audits.map((a) => a.action)).toEqual(['crm.connection.create', 'crm.connection.update']);
    expect(await manage.list()).toHaveLength(1);
  });

  it('rejects an invalid configuration with 422 and writes nothing', async () => {
    const { manage, configs, audits } = setup();
    await expect(manage.put('bad', { crm: 'zoho' }, 'admin-1')).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'objects' }] });
    await expect(manage.put('bad', { template: 'zoho', connectionId: 'other' }, 'admin-1')).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'connectionId' }] });
    expect(configs.size).toBe(0);
    expect(audits).toEqual([]);
  });

  it.each([
    [{ apiBaseUrl: 'http://169.254.169.254/latest/meta-data' }, 'apiBaseUrl'],
    [{ apiBaseUrl: 'https://169.254.169.254/latest/meta-data' }, 'apiBaseUrl'],
    [{ authBaseUrl: 'file:///etc/passwd' }, 'authBaseUrl'],
    [{ apiBaseUrl: 'gopher://www.zohoapis.com:70/_x' }, 'apiBaseUrl'],
    [{ apiBaseUrl: 'http://www.zohoapis.com' }, 'apiBaseUrl'],
    [{ authBaseUrl: 'https://accounts.zoho.com:8443' }, 'authBaseUrl'],
    [{ apiBaseUrl: 'https://internal.example.com' }, 'apiBaseUrl'],
  ])('refuses a connection whose URLs the outbound rules refuse (%o → 422 at %s) and stores nothing', async (urls, path) => {
    // Prepare
    const { manage, configs, audits } = setup();

    // Act
    const error = await manage.put('acme-zoho', { template: 'zoho', ...urls }, 'admin-1').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'validation_failed', issues: [{ path }] });
    expect(configs.size).toBe(0);
    expect(audits).toEqual([]);
  });

  it('passes a DNS outage while checking the URLs on as a retryable dns_unavailable (503) and stores nothing', async () => {
    // Prepare
    const { manage, configs, audits } = setup();

    // Act
    const error = await manage.put('acme-zoho', { template: 'zoho', apiBaseUrl: 'https://dns-down.example.com' }, 'admin-1').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'dns_unavailable', retryable: true });
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'dns_unavailable' });
    expect(configs.size).toBe(0);
    expect(audits).toEqual([]);
  });

  it('refuses credentials naming another connection’s (or another CRM’s) secrets with 422 at their paths', async () => {
    // Prepare
    const { manage, configs } = setup();

    // Act
    const error = await manage
      .put('acme-zoho', {
        template: 'zoho',
        credentials: {
          clientId: 'riskbridge/zoho/acme-zoho/client-id',
          clientSecret: 'riskbridge/zoho/beta-zoho/client-secret',
          refreshToken: 'riskbridge/hubspot/acme-zoho/refresh-token',
          channelToken: 'riskbridge/zoho/acme-zoho/nested/channel-token',
        },
      }, 'admin-1')
      .catch((e: unknown) => e);
    const own = await manage.put('acme-zoho', { template: 'zoho' }, 'admin-1');

    // Assess
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect((error as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['credentials.clientSecret', 'credentials.refreshToken', 'credentials.channelToken']);
    expect(own.connection.credentials['clientSecret']).toBe('riskbridge/zoho/acme-zoho/client-secret');
    expect([...configs.keys()]).toEqual(['acme-zoho']);
  });

  it('refuses unknown keys at every level of the body, each at its own path', () => {
    const body = {
      template: 'zoho',
      displayName: 'Acme',
      credentials: { clientsecret: 'riskbridge/zoho/acme/client-secret' },
      objects: {
        Accounts: {
          objectType: 'customer', idPath: 'id', modifiedAtPath: 'Modified_Time', colour: 'red',
          fields: [{ from: 'Account_Name', to: 'fields.legalName', transforms: [{ kind: 'trim', collapse: true }] }],
        },
      },
      writeBack: { objectName: 'Accounts', fields: { grade: 'Risk_Grade' }, mode: 'patch' },
    };
    const parsed = PutConnectionSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const paths = parsed.success ? [] : toFieldIssues(parsed.error).map((i) => i.path).sort();
    expect(paths).toEqual(['credentials.clientsecret', 'displayName', 'objects.Accounts.colour', 'objects.Accounts.fields[0].transforms[0].collapse', 'writeBack.mode']);
  });

  it('answers 404 for an unknown connection', async () => {
    const { manage } = setup();
    await expect(manage.get('nobody')).rejects.toMatchObject({ code: 'not_found' });
    await expect(manage.armChannel('nobody', {}, 'http://localhost:3000', 'admin-1')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('arms a Zoho channel on every mapped object, then re-arms it keeping the channel id with a fresh token', async () => {
    const zoho = connection('zoho', { connectionId: 'acme-zoho' });
    const { manage, stored, watched, audits } = setup([zoho]);
    const first = await manage.armChannel('acme-zoho', {}, 'https://hub.example.com', 'admin-1');
    expect(first.notifyUrl).toBe('https://hub.example.com/v1/inbound/zoho/acme-zoho');
    expect(first.channel).toMatchObject({ channelId: '1736935200000123', events: Object.keys(zoho.objects).map((o) => `${o}.all`) });
    expect(Date.parse(first.channel.expiresAt)).toBeGreaterThan(Date.parse('2025-01-21T10:00:00Z'));
    await manage.armChannel('acme-zoho', { events: ['Accounts.edit'] }, 'https://hub.example.com', 'admin-1');
    expect(watched.map((w) => [w.channel.channelId, w.token, w.rearm])).toEqual([['1736935200000123', 'token-1', false], ['1736935200000123', 'token-2', true]]);
    expect(stored.get('acme-zoho')).toMatchObject({ token: 'token-2', channel: { events: ['Accounts.edit'] } });
    expect(audits.map((a) => a.action)).toEqual(['crm.channel.arm', 'crm.channel.arm']);
  });

  it('refuses to arm a channel for a connection that is not Zoho (422 on connectionId)', async () => {
    const { manage, watched } = setup([connection('hubspot', { connectionId: 'acme-hs' })]);
    await expect(manage.armChannel('acme-hs', {}, 'https://hub.example.com', 'admin-1')).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'connectionId' }] });
    expect(watched).toEqual([]);
  });

  it('re-arms only channels close to expiry, keeps their id, and goes on past a failing one', async () => {
    const zoho = (id: string) => ({ ...connection('zoho'), connectionId: id }) as ConnectionConfig;
    const { manage, stored, watched, failing, audits } = setup([zoho('z-soon'), zoho('z-later'), zoho('z-broken')]);
    const channel = (connectionId: string, expiresAt: string): WatchChannel => ({ connectionId, channelId: `ch-${connectionId}`, events: ['Accounts.all'], expiresAt });
    stored.set('z-soon', { channel: channel('z-soon', '2025-01-15T18:00:00Z'), token: 'old' });
    stored.set('z-later', { channel: channel('z-later', '2025-01-20T10:00:00Z'), token: 'old' });
    stored.set('z-broken', { channel: channel('z-broken', '2025-01-15T12:00:00Z'), token: 'old' });
    failing.add('z-broken');
    const result = await manage.rearmDue('https://api.example.com', 12 * 60, 'schedule:test');
    expect(result).toEqual({ rearmed: ['z-soon'], failed: [{ connectionId: 'z-broken', code: 'crm_unavailable' }] });
    expect(watched).toEqual([expect.objectContaining({ rearm: true, notifyUrl: 'https://api.example.com/v1/inbound/zoho/z-soon' })]);
    expect(stored.get('z-soon')?.channel.channelId).toBe('ch-z-soon');
    expect(stored.get('z-soon')?.token).not.toBe('old');
    expect(stored.get('z-later')?.token).toBe('old');
    expect(audits.filter((a) => a.actor === 'schedule:test').map((a) => a.action)).toEqual(['crm.channel.arm']);
  });
});
