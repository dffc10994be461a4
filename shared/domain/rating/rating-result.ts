import { z } from 'zod';
import { MoneySchema } from '../money.js';

/**
 * The outcome of rating one profile under one policy version. Owned by the rating capability.
 * Deterministic: the same profile and policy give the same result and `inputsHash`.
 */
export const ReasonCodeSchema = z.object({
  code: z.string(),
  text: z.string(),
  points: z.number().optional(),
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
});
export type RatingResult = z.infer<typeof RatingResultSchema>;
