import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import type { CustomerProfile } from '../profile/customer-profile.js';

/**
 * The `customer.updated` event of a profile change (next `sequence` of the profile). Pending
 * stubs publish nothing: asking for their event is a programming error.
 */
export const customerUpdatedEvent = (profile: CustomerProfile, changedFields: string[], at: Date): EventEnvelope => {
  if (profile.status === 'pending') throw new Error(`Customer ${profile.customerId} is a pending stub: it publishes no events`);
  return newEvent(
    'customer.updated',
    {
      profile: { customerId: profile.customerId, kind: profile.kind, status: profile.status, fields: profile.fields, identifiers: profile.identifiers, version: profile.version, updatedAt: profile.updatedAt },
      changedFields,
    },
    { customerId: profile.customerId, sequence: profile.sequence, at },
  );
};
