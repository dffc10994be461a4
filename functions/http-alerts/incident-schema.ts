import { z } from 'zod';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import { IncidentActionSchema, IncidentImpactSchema, IncidentRecordSchema, IncidentStatusSchema } from '../../shared/domain/incidents/incident.js';

/** Inputs and answers of the post-incident review API (docs/operations.md#post-incident-reviews). */
export const IncidentPathSchema = z.strictObject({ incidentId: z.string().regex(/^inc_[0-9A-Z]{26}$/, 'a review id (inc_…)') });

export const OpenIncidentSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    alertIds: z.array(z.string().regex(/^alt_[0-9A-Za-z_-]{1,100}$/, 'an alert id (alt_…)')).max(100).default([]),
    drillCustomerId: z.string().trim().min(1).max(300).optional().describe('The customer a default drill ran on (`POST /v1/drills/default`)'),
  })
  .refine((b) => b.alertIds.length > 0 || b.drillCustomerId !== undefined, { message: 'name at least one alert id or a drill customer', path: ['alertIds'] });

export const IncidentListQuerySchema = z.strictObject({ status: IncidentStatusSchema.optional() });

const text = (max: number) => z.string().trim().min(1).max(max);
export const UpdateIncidentSchema = z.strictObject({
  title: text(200).optional(),
  impact: IncidentImpactSchema.optional(),
  rootCause: text(5000).optional(),
  contributingFactors: z.array(text(1000)).max(50).optional(),
  actions: z.array(IncidentActionSchema).max(100).optional(),
  lessons: text(5000).optional(),
  refreshTimeline: z.boolean().optional().describe('Assemble the timeline again from the events and audit entries'),
});

export const IncidentTransitionRequestSchema = z.strictObject({ to: IncidentStatusSchema });

export const IncidentResponseSchema = z.object({ incident: IncidentRecordSchema });
export const IncidentCloseAskedSchema = z.object({ incident: IncidentRecordSchema, approval: ApprovalSchema.describe('The pending `incident.close` approval: a second person calls the same route') });
export const IncidentPageSchema = z.object({
  incidents: z.array(IncidentRecordSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
