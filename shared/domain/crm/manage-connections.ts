import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { assertUrlsAllowed, type UrlGuard } from '../outbound/url-guard.js';
import { channelsToRearm, nextChannelExpiry, WatchChannelSchema, type WatchChannel } from './channel-rearm.js';
import { foreignSecretIssues } from './connection-secrets.js';
import { CrmNameSchema } from './crm-record.js';
import { defaultConnectionConfig } from './default-mappings.js';
import { ConnectionConfigSchema, parseConnectionConfig, type ConnectionConfig } from './field-mapping.js';

export interface ConnectionRepository {
  get(connectionId: string): Promise<ConnectionConfig | undefined>;
  put(config: ConnectionConfig): Promise<void>;
  list(): Promise<ConnectionConfig[]>;
}

export interface ChannelRepository {
  getChannel(connectionId: string): Promise<{ channel: WatchChannel; token: string } | undefined>;
  putChannel(channel: WatchChannel, token: string): Promise<void>;
  listChannels(): Promise<Array<{ channel: WatchChannel }>>;
}

/** The CRM side of a notification channel (Zoho `actions/watch`): POST to arm, PATCH to re-arm. */
export interface ChannelWatcher {
  watch(config: ConnectionConfig, channel: WatchChannel, options: { notifyUrl: string; token: string; rearm?: boolean }): Promise<void>;
}

export interface ManageConnectionsDeps {
  connections: ConnectionRepository;
  channels: ChannelRepository;
  watcher: ChannelWatcher;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
  /** Fresh channel id (digits) and echo token; the adapter owns the randomness. */
  secrets: { channelId(): string; token(): string };
  /** The outbound rules (SSRF guard): the connection's URLs must pass them before it is stored. */
  guardUrl: UrlGuard;
}

const config = ConnectionConfigSchema.shape;

/** The connection id of a path: letters, digits, `_ . -`. */
export const ConnectionIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, _ . - (at most 100)');

/**
 * Body of PUT /v1/crm/connections/{id}: a full configuration, or a `template` (the CRM's default
 * mapping) whose top-level fields the given ones replace. Every field is checked as strictly as the
 * stored configuration (unknown keys → 422 at their path); the merged result must then be a whole
 * configuration (`crm` and `objects` are required without a template). `connectionId`, if given,
 * must be the path's.
 */
export const PutConnectionSchema = z.strictObject({
  template: CrmNameSchema.optional().describe("Start from this CRM's default mapping; the given fields replace its top-level fields"),
  connectionId: ConnectionIdSchema.optional(),
  crm: config.crm.optional(),
  apiBaseUrl: config.apiBaseUrl,
  authBaseUrl: config.authBaseUrl,
  objects: config.objects.optional(),
  credentials: config.credentials.removeDefault().optional(),
  writeBack: config.writeBack,
  integrationUsers: config.integrationUsers.removeDefault().optional(),
  actingUserId: config.actingUserId,
});
export type PutConnection = z.infer<typeof PutConnectionSchema>;

/** Body of POST /v1/crm/connections/{id}/channel (may be empty: the previous channel id and events, else every mapped object). */
export const ArmChannelSchema = z.strictObject({
  events: z.array(WatchChannelSchema.shape.events.element).min(1).max(20).optional(),
  channelId: WatchChannelSchema.shape.channelId.optional(),
});
export type ArmChannel = z.infer<typeof ArmChannelSchema>;

/** What arming answers: the stored channel and the URL Zoho will notify. */
export const ArmedChannelSchema = z.object({ channel: WatchChannelSchema, notifyUrl: z.url() });

/**
 * Every reason a parsed configuration may not be stored: credentials naming secrets outside the
 * connection's own `riskbridge/<crm>/<connectionId>/` prefix, and URLs (`apiBaseUrl`,
 * `authBaseUrl`) the outbound rules refuse (they are checked again on every call).
 */
const refusedConfiguration = async (connection: ConnectionConfig, guardUrl: UrlGuard): Promise<FieldIssue[]> => {
  const issues = foreignSecretIssues(connection);
  try {
    await assertUrlsAllowed(guardUrl, { apiBaseUrl: connection.apiBaseUrl, authBaseUrl: connection.authBaseUrl }, 'connection URL');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  return issues;
};

/** Stores a checked configuration, audited `crm.connection.create` / `.update` (ids and object names only). */
export const storeConnection = async (
  { connections, audit }: { connections: ConnectionRepository; audit: { append(input: AuditInput): Promise<unknown> } },
  config: ConnectionConfig,
  actor: string,
): Promise<{ connection: ConnectionConfig; created: boolean }> => {
  const created = (await connections.get(config.connectionId)) === undefined;
  await connections.put(config);
  await audit.append({ actor, action: created ? 'crm.connection.create' : 'crm.connection.update', target: `connection:${config.connectionId}`, details: { crm: config.crm, objects: Object.keys(config.objects) } });
  return { connection: config, created };
};

/**
 * CRM connection configuration use cases: list, get (404 when unknown), put (template defaults merged
 * under the given fields, validated as a whole → 422, own secrets only and URLs that pass the
 * outbound rules → 422 with their paths; audited `crm.connection.create` / `.update`) and
 * arming a Zoho notification channel (404 unknown, 422 not Zoho; keeps the previous channel id and events
 * unless given, fresh token and expiry, audited `crm.channel.arm`).
 */
export const manageConnections = ({ connections, channels, watcher, audit, clock, secrets, guardUrl }: ManageConnectionsDeps) => {
  const existing = async (connectionId: string): Promise<ConnectionConfig> => {
    const config = await connections.get(connectionId);
    if (!config) throw new NotFoundError(`Connection ${connectionId}`);
    return config;
  };
  return {
    list: (): Promise<ConnectionConfig[]> => connections.list(),
    get: existing,
    /** The configuration a PUT asks for: template merged, validated as a whole, own secrets and allowed URLs only (422 otherwise). Stores nothing. */
    async prepare(connectionId: string, input: PutConnection): Promise<ConnectionConfig> {
      const { template, ...rest } = input;
      if (rest.connectionId !== undefined && rest.connectionId !== connectionId) {
        throw new ValidationError('The connection id differs from the path', [{ path: 'connectionId', message: `expected ${connectionId} (the path's) or nothing` }]);
      }
      const base = template ? defaultConnectionConfig(template, connectionId) : {};
      const config = parseConnectionConfig({ ...base, ...rest, connectionId });
      const issues = await refusedConfiguration(config, guardUrl);
      if (issues.length > 0) throw new ValidationError('The CRM connection configuration is not allowed', issues);
      return config;
    },
    /** `prepare` and store at once (no four eyes: callers that gate personal fields use connectionFourEyes). */
    async put(connectionId: string, input: PutConnection, actor: string): Promise<{ connection: ConnectionConfig; created: boolean }> {
      return storeConnection({ connections, audit }, await this.prepare(connectionId, input), actor);
    },
    /** `publicBaseUrl` is the hub's origin as Zoho must call it (the notify URL is `<base>/v1/inbound/zoho/<id>`). */
    async armChannel(connectionId: string, input: ArmChannel, publicBaseUrl: string, actor: string): Promise<{ channel: WatchChannel; notifyUrl: string }> {
      const config = await existing(connectionId);
      if (config.crm !== 'zoho') throw new ValidationError('Only Zoho connections have notification channels', [{ path: 'connectionId', message: 'not a Zoho connection' }]);
      const previous = await channels.getChannel(connectionId);
      const channel: WatchChannel = {
        connectionId,
        channelId: input.channelId ?? previous?.channel.channelId ?? secrets.channelId(),
        events: input.events ?? previous?.channel.events ?? Object.keys(config.objects).map((o) => `${o}.all`),
        expiresAt: nextChannelExpiry(clock.now()),
      };
      const token = secrets.token();
      const notifyUrl = `${publicBaseUrl}/v1/inbound/zoho/${connectionId}`;
      await watcher.watch(config, channel, { notifyUrl, token, rearm: previous !== undefined });
      await channels.putChannel(channel, token);
      await audit.append({ actor, action: 'crm.channel.arm', target: `connection:${connectionId}`, details: { channelId: channel.channelId, events: channel.events } });
      return { channel, notifyUrl };
    },

    /**
     * Re-arms every channel expiring within `marginMinutes` (Zoho channels live at most a week):
     * same channel id and events, fresh token and expiry, audited as the schedule. A channel whose
     * re-arm fails is reported and retried on the next run; the others go on.
     */
    async rearmDue(publicBaseUrl: string, marginMinutes: number, actor: string): Promise<{ rearmed: string[]; failed: Array<{ connectionId: string; code: string }> }> {
      const due = channelsToRearm((await channels.listChannels()).map((c) => c.channel), clock.now(), marginMinutes);
      const rearmed: string[] = [];
      const failed: Array<{ connectionId: string; code: string }> = [];
      for (const channel of due) {
        try {
          await this.armChannel(channel.connectionId, {}, publicBaseUrl, actor);
          rearmed.push(channel.connectionId);
        } catch (error) {
          failed.push({ connectionId: channel.connectionId, code: (error as { code?: string }).code ?? 'unexpected' });
        }
      }
      return { rearmed, failed };
    },
  };
};
export type ManageConnections = ReturnType<typeof manageConnections>;
