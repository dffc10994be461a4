import { z } from 'zod';
import type { CrmIngestMessage } from '../../customers/ingest-message.js';
import { UnauthorizedError } from '../../errors.js';
import type { CrmChangeNotice } from '../change-notice.js';
import type { WatchChannel } from '../channel-rearm.js';
import { isOwnSecret } from '../connection-secrets.js';
import type { ConnectionConfig, CredentialRole } from '../field-mapping.js';

/** What a push is answered with: how many changes were accepted (queued as notices). */
export const PushReceiptSchema = z.object({ accepted: z.number().int().nonnegative() });

/** CRMs that push change notices to a signed `/v1/inbound/...` route. */
export type PushingCrm = Extract<ConnectionConfig['crm'], 'zoho' | 'hubspot' | 'salesforce'>;

/** An inbound push exactly as received: the raw body (signatures are over these bytes), headers and the public URL called. */
export interface CrmPush {
  rawBody: string;
  headers: Record<string, string | undefined>;
  url: string;
}

/** What a verifier gives back: the notices to enqueue and the count the CRM is told was accepted. */
export interface OpenedPush {
  notices: CrmChangeNotice[];
  accepted: number;
}

/**
 * One CRM's inbound scheme (an adapter): where its key comes from (a named credential of the connection, or its armed channel) and how a push is verified and decoded.
 * `open` throws UnauthorizedError on a bad signature (and when `key` is undefined), MalformedInputError /
 * ValidationError on a bad body.
 */
export type CrmPushVerifier =
  | { keySource: 'credential'; credential: CredentialRole; open(push: CrmPush, key: string, context: PushContext): OpenedPush | Promise<OpenedPush> }
  | { keySource: 'channel'; open(push: CrmPush, key: { channelId: string; token: string } | undefined, context: PushContext): OpenedPush | Promise<OpenedPush> };

export interface PushContext {
  connectionId: string;
  now: Date;
}

export interface ReceiveCrmPushDeps {
  connections: { get(connectionId: string): Promise<ConnectionConfig | undefined> };
  secrets: { get(name: string): Promise<string> };
  channels: { getChannel(connectionId: string): Promise<{ channel: WatchChannel; token: string } | undefined> };
  verifiers: Record<PushingCrm, CrmPushVerifier>;
  enqueue(messages: CrmIngestMessage[]): Promise<void>;
  clock: { now(): Date };
}

const SIGNATURE_FAILED = 'The request signature could not be verified';

/**
 * Receives a signed CRM push: finds the connection (unknown, or of another CRM → 401, never revealing
 * whether it exists), resolves the key it signs with (a named credential in the secret store, or the
 * armed Zoho channel and its token), verifies and decodes it through the CRM's verifier, and hands one
 * `notice` message per change to the crm-ingest queue, stamped with the receive time. Returns how many changes were accepted.
 */
export const receiveCrmPush =
  ({ connections, secrets, channels, verifiers, enqueue, clock }: ReceiveCrmPushDeps) =>
  async (crm: PushingCrm, connectionId: string, push: CrmPush): Promise<{ accepted: number }> => {
    const config = await connections.get(connectionId);
    if (!config || config.crm !== crm) throw new UnauthorizedError(SIGNATURE_FAILED);
    const verifier = verifiers[crm];
    const context = { connectionId: config.connectionId, now: clock.now() };
    let opened: OpenedPush;
    if (verifier.keySource === 'channel') {
      const stored = await channels.getChannel(config.connectionId);
      opened = await verifier.open(push, stored && { channelId: stored.channel.channelId, token: stored.token }, context);
    } else {
      const name = config.credentials[verifier.credential];
      // Only the connection's own secret verifies its pushes (never another connection's).
      if (!name || !isOwnSecret(config, name)) throw new UnauthorizedError(SIGNATURE_FAILED);
      opened = await verifier.open(push, await secrets.get(name), context);
    }
    // The receive time travels with each notice: the worker clamps CRM times later than it (clocks drift).
    const receivedAt = context.now.toISOString();
    await enqueue(opened.notices.map((notice) => ({ kind: 'notice', notice, receivedAt })));
    return { accepted: opened.accepted };
  };
