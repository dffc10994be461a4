import { z } from 'zod';
import { CrmNameSchema } from './crm-record.js';

/**
 * What a CRM push (Zoho notification, HubSpot webhook event, Salesforce change event)
 * tells the hub before the record itself is read: which records of which object changed,
 * how, by whom, and (where the CRM sends them) which fields and values.
 * `values` are native field values keyed by CRM API name; never log them.
 */
export const CrmChangeNoticeSchema = z.object({
  crm: CrmNameSchema,
  connectionId: z.string().min(1),
  objectName: z.string().min(1),
  externalIds: z.array(z.string().min(1)).min(1),
  operation: z.enum(['create', 'update', 'delete', 'undelete', 'gap', 'merge', 'restore']),
  changedFields: z.array(z.string()).optional(),
  values: z.record(z.string(), z.unknown()).optional(),
  /** CRM user or app that made the change (Zoho Modified_By.id, Salesforce commitUser, HubSpot sourceId). */
  modifiedBy: z.string().optional(),
  /** CRM-specific origin (HubSpot `changeSource`, Salesforce `changeOrigin`). */
  changeSource: z.string().optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** Id the CRM gave this delivery, for de-duplication. */
  eventId: z.string().optional(),
});
export type CrmChangeNotice = z.infer<typeof CrmChangeNoticeSchema>;
