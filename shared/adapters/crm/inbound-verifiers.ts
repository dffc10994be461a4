import type { CrmPushVerifier, PushingCrm } from '../../domain/crm/inbound/receive-crm-push.js';
import { UnauthorizedError } from '../../domain/errors.js';
import { hubSpotEventsToNotices, parseHubSpotWebhookBatch, verifyHubSpotSignatureV3 } from './hubspot/webhook.js';
import { parseSalesforceChangeEvent, salesforceEventToNotice, verifySalesforceInbound } from './salesforce/cdc.js';
import { parseZohoNotification, verifyZohoNotification, zohoNotificationToNotices } from './zoho/notification.js';

/**
 * The inbound schemes of the CRMs that push, for `receiveCrmPush`:
 * - Zoho: body parsed first, then its `channel_id` and `token` checked against the armed channel;
 * - HubSpot: signature v3 over method, public URL, raw body and timestamp (credential `clientSecret`);
 * - Salesforce: HMAC of the raw body or the shared token (credential `inboundSecret`).
 */
export const crmPushVerifiers: Record<PushingCrm, CrmPushVerifier> = {
  zoho: {
    keySource: 'channel',
    open(push, key, { connectionId, now }) {
      const notification = parseZohoNotification(push.rawBody);
      if (!key) throw new UnauthorizedError('The Zoho notification token does not match its channel');
      verifyZohoNotification(notification, key);
      return { notices: zohoNotificationToNotices(notification, connectionId, now), accepted: notification.ids.length };
    },
  },
  hubspot: {
    keySource: 'credential',
    credential: 'clientSecret',
    open(push, clientSecret, { connectionId, now }) {
      verifyHubSpotSignatureV3({ method: 'POST', uri: push.url, rawBody: push.rawBody, headers: push.headers, clientSecret, now });
      const events = parseHubSpotWebhookBatch(push.rawBody);
      return { notices: hubSpotEventsToNotices(events, connectionId), accepted: events.length };
    },
  },
  salesforce: {
    keySource: 'credential',
    credential: 'inboundSecret',
    open(push, secret, { connectionId }) {
      verifySalesforceInbound({ rawBody: push.rawBody, headers: push.headers, secret });
      const notice = salesforceEventToNotice(parseSalesforceChangeEvent(push.rawBody), connectionId);
      return { notices: [notice], accepted: notice.externalIds.length };
    },
  },
};
