import { z } from 'zod';
import { JobIdSchema } from '../../shared/domain/jobs/job.js';

/** A message on the `jobs` queue: the job to run; everything else is read from the job. */
export const JobMessageSchema = z.strictObject({ jobId: JobIdSchema });
