import { z } from 'zod';
import { FirstSeenMessageSchema, PullMessageSchema } from '../../shared/domain/bureau-pulls/bureau-pull.js';

/** A message on bureauPulls: one pull to run, or a first-seen customer to consider. */
export const BureauPullsMessageSchema = z.union([FirstSeenMessageSchema, PullMessageSchema]);
