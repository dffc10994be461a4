import { z } from 'zod';
import { MoneySchema } from '../money.js';
import { PartnerInputSchema } from './partner-pooling.js';

/**
 * The outcome of rating one profile under one policy version. Owned by the rating capability.
 * Deterministic: the same profile and policy give the same result and `inputsHash`.
 */
export const ReasonCodeSchema = z.object({
  code: z.string(),
  text: z.string(),
  points: z.number().optional(),
  /** The reason is a lack of data (e.g. no payment history yet), not adverse data. */
  missingData: z.boolean().optional(),
});

export const LimitFactorSchema = z.object({
  name: z.string(),
  value: z.number().optional(),
  reason: z.string(),
});

export const RatingResultSchema = z.object({
  status: z.enum(['rated', 'insufficient_data']),
  policyVersion: z.number().int().positive(),
  score: z.number().optional(),
  grade: z.string().optional(),
  pd: z.number().min(0).max(1).optional(),
  reasons: z.array(ReasonCodeSchema).max(4),
  rfm: z
    .object({ r: z.number().int(), f: z.number().int(), m: z.number().int(), segment: z.string() })
    .optional(),
  limit: z.object({ recommended: MoneySchema, factors: z.array(LimitFactorSchema) }).optional(),
  inputsHash: z.string(),
  ratedAt: z.iso.datetime({ offset: true }),
  /** Added by the rating engine: feature values the score used (null = missing), for explanations and audit. */
  features: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  /** Added by the rating engine: worst days past due at rating time, so alerts fire on threshold crossings only. */
  worstDaysPastDue: z.number().int().nonnegative().optional(),
  /** Added by the rating engine: the default definition (policy `alerts.defaultDpd`) was met. */
  defaulted: z.boolean().optional(),
  /** Added by the rating engine: contradictory or impossible input data that the rating worked around. */
  warnings: z.array(z.object({ code: z.string(), text: z.string() })).optional(),
  /**
   * Added by the rating engine: the partner assessments the pooled `partner_pd` used, with weight
   * and share, largest share first. Internal (admin views, history): never in events, webhooks or
   * CRM write-backs, whose reason text says "third-party assessment".
   */
  partnerInputs: z.array(PartnerInputSchema).optional(),
});
export type RatingResult = z.infer<typeof RatingResultSchema>;
