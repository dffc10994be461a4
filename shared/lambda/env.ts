import { z } from 'zod';

/**
 * The only place that reads process.env. Parsed once per cold start (lazily, so the local
 * runtime can set variables before the first handler runs). Queue URLs are optional here
 * because each function is only given the queues it may send to; `queueUrl()` says which is missing.
 */
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  STAGE: z.string().min(1).default('local'),
  /** Local runtime only: lets webhooks go to plain-HTTP loopback receivers. Never set in AWS. */
  ALLOW_LOOPBACK_WEBHOOKS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Local runtime only: JSON map of secret name → value (sandbox credentials). In AWS secrets come from Secrets Manager. */
  LOCAL_SECRETS: z.string().optional(),
  /** Public base URL of the HTTP API (Zoho channel re-arm tells Zoho where to notify). */
  PUBLIC_API_URL: z.url().optional(),
  QUEUE_URL_CRM_INGEST: z.url().optional(),
  QUEUE_URL_BUREAU_PULLS: z.url().optional(),
  QUEUE_URL_RECOMPUTE: z.url().optional(),
  QUEUE_URL_DELIVERIES: z.url().optional(),
  QUEUE_URL_WRITEBACKS: z.url().optional(),
  QUEUE_URL_RESULTS: z.url().optional(),
  QUEUE_URL_RESULTS_FIFO: z.url().optional(),
  /** Bureau API base URLs (absent = that bureau is not configured); credentials are secrets `riskbridge/bureau/<bureau>`. */
  BUREAU_EXPERIAN_URL: z.url().optional(),
  BUREAU_EQUIFAX_URL: z.url().optional(),
  BUREAU_TRANSUNION_URL: z.url().optional(),
  BUREAU_DNB_URL: z.url().optional(),
  BUREAU_CREDITSAFE_URL: z.url().optional(),
  BUREAU_PBOC_URL: z.url().optional(),
  /** Per-request timeout of bureau calls, ms. */
  BUREAU_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /** AWS: the S3 bucket (Object Lock) that holds the signed audit checkpoints. */
  AUDIT_CHECKPOINT_BUCKET: z.string().min(1).optional(),
  /** AWS: the KMS key (ECC_NIST_EDWARDS25519) that signs audit checkpoints: id, ARN or alias. */
  AUDIT_SIGNING_KEY_ID: z.string().min(1).optional(),
  /** Local runtime only: directory of the audit checkpoint files (created with `wx`, never rewritten). */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** Local runtime only: PKCS#8 PEM file of the Ed25519 checkpoint key (generated once if absent). */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Pull pipeline configuration JSON (costs, budgets, rate limits, circuit, staleness); see docs/bureau-pulls.md. */
  BUREAU_PULL_CONFIG: z.string().optional(),
});
export type Env = z.infer<typeof EnvSchema>;
export type QueueEnvKey = Extract<keyof Env, `QUEUE_URL_${string}`>;

let cached: Env | undefined;

export const env = (): Env => {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const paths = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      throw new Error(`Invalid function configuration (environment): ${paths}`);
    }
    cached = parsed.data;
  }
  return cached;
};

/** URL of a queue this function was given, or a configuration error naming the variable. */
export const queueUrl = (key: QueueEnvKey): string => {
  const url = env()[key];
  if (!url) throw new Error(`Function is not configured with ${key}`);
  return url;
};

/** For tests and the local runtime: forget the parsed environment. */
export const resetEnvForTests = (): void => {
  cached = undefined;
};
