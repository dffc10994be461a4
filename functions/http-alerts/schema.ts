import { z } from 'zod';
import { AlertRecordSchema, AlertStatusSchema } from '../../shared/domain/alerts/alert-lifecycle.js';
import { AlertSeveritySchema } from '../../shared/domain/alerts/alert-rules.js';
import { MeasureIdSchema } from '../../shared/domain/measures/manage-measures.js';
import { MeasureRecordSchema, RestrictionsSchema } from '../../shared/domain/measures/measures.js';
import { PersonIdSchema } from '../../shared/domain/people/person.js';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

/** Inputs and answers of the alerts API (alert lifecycle, emergency measures, reviews due). */
export const AlertPathSchema = z.strictObject({ alertId: z.string().regex(/^alt_[0-9A-Za-z_-]{1,100}$/, 'an alert id (alt_…)') });

export const AlertListQuerySchema = z.strictObject({
  status: AlertStatusSchema.default('open').describe('Lifecycle state to list (default `open`)'),
  severity: AlertSeveritySchema.optional(),
  assignee: z.string().trim().min(1).max(200).optional().describe('Exact assignee, e.g. `person:li-wei`'),
  rule: z.string().trim().min(1).max(200).optional().describe('Rule id, e.g. `dpd` or `downgrade`'),
});

export const AssignAlertSchema = z.strictObject({ assignee: PersonIdSchema.describe('The person who works the alert (a person id)') });
export const CommentAlertSchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });
const note = z.string().trim().min(1).max(2000).optional();
export const AlertTransitionRequestSchema = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('acknowledged'), note }),
  z.strictObject({ to: z.literal('snoozed'), until: z.iso.datetime({ offset: true }).describe('When the snooze wakes the alert (to `acknowledged`)'), note }),
  z.strictObject({ to: z.literal('resolved'), note }),
  z.strictObject({ to: z.literal('false_positive'), note: z.string().trim().min(3).max(2000).describe('Why it was a false positive (required)') }),
]);
export type AlertTransitionRequest = z.infer<typeof AlertTransitionRequestSchema>;

export const ReviewsDueQuerySchema = z.strictObject({
  graceHours: z.coerce.number().min(0).max(24 * 366).default(0).describe('Only re-ratings late by more than this many hours'),
});

export const AlertResponseSchema = z.object({ alert: AlertRecordSchema });
export const AlertPageSchema = z.object({
  alerts: z.array(AlertRecordSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
export const ReviewDueSchema = z.object({
  customerId: z.string(),
  kind: z.enum(['rerating', 'review']),
  dueAt: z.string(),
  lateHours: z.number(),
  reason: z.string(),
});
export const ReviewsDuePageSchema = z.object({
  reviews: z.array(ReviewDueSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});

/** Emergency measures (docs/operations.md#emergency-measures). */
export const MeasurePathSchema = z.strictObject({ measureId: MeasureIdSchema });
export const CustomerMeasuresPathSchema = z.strictObject({ customerId: CustomerIdSchema });
export const MeasureResponseSchema = z.object({
  measure: MeasureRecordSchema,
  restrictions: RestrictionsSchema.optional().describe('The customer\'s combined restrictions after the change'),
});
export const MeasureListSchema = z.object({
  measures: z.array(MeasureRecordSchema).describe('Active, lifted and expired, newest first'),
  restrictions: RestrictionsSchema.nullable().describe('The combined effect of the active measures, as on the profile; null when none was ever taken'),
});
