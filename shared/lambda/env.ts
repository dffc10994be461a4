import { z } from 'zod';
import { RateLimitsSettingSchema } from '../domain/rate-limit/token-bucket.js';

/**
 * The only place that reads process.env. Parsed once per cold start (lazily, so the local
 * runtime can set variables before the first handler runs). Queue URLs are optional here
 * because each function is only given the queues it may send to; `queueUrl()` says which is missing.
 */
const LoopbackAllowanceSchema = z.enum(['true', 'false']);

/** JSON text of a setting, parsed; a setting that is not JSON is a configuration error naming it. */
const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    return z.NEVER;
  }
});

/** What the router's request guards read (idempotency records, rate limits); see `requestGuardEnv`. */
const RequestGuardEnvSchema = z.object({
  /**
   * The requests table (infra/topology.ts `requestsTable`): idempotency records and rate-limit
   * buckets. Every HTTP function with API-key routes gets it; without it (router unit tests)
   * neither Idempotency-Key nor rate limits are enforced.
   */
  REQUESTS_TABLE_NAME: z.string().min(1).optional(),
  /** Rate limits per principal and route class, JSON overriding the defaults, e.g. `{"write":{"burst":5,"perSecond":1}}` (docs/rate-limits.md). */
  RATE_LIMITS: jsonText.pipe(RateLimitsSettingSchema).optional(),
});
export type RequestGuardEnv = z.infer<typeof RequestGuardEnvSchema>;

/**
 * The console's "sign in as a person" (authorization code + PKCE): the authorization and token
 * endpoints (the local OIDC issuer's, or Cognito's hosted UI) and the public app client. Unset: API keys only.
 */
const ConsoleSignInEnvSchema = z.object({
  CONSOLE_SIGN_IN_AUTHORIZE_URL: z.url().optional(),
  CONSOLE_SIGN_IN_TOKEN_URL: z.url().optional(),
  CONSOLE_SIGN_IN_CLIENT_ID: z.string().min(1).optional(),
});
export type ConsoleSignInEnv = z.infer<typeof ConsoleSignInEnvSchema>;
/** Only the console sign-in settings (serve-console has no table, so not the whole `env()`). */
export const consoleSignInEnv = (): ConsoleSignInEnv => ConsoleSignInEnvSchema.parse(process.env);

const EnvSchema = z.object({
  ...RequestGuardEnvSchema.shape,
  TABLE_NAME: z.string().min(1),
  STAGE: z.string().min(1).default('local'),
  /**
   * Loopback allowance of every outbound call (webhooks, CRM and bureau APIs): http to
   * 127.0.0.1 / localhost and any port, for the local sandboxes. Local stage only (refused
   * otherwise); `npm start` turns it on. Never set in AWS.
   */
  ALLOW_LOOPBACK_OUTBOUND: LoopbackAllowanceSchema.default('false').transform((v) => v === 'true'),
  /** Ports outbound calls may use (comma-separated) while the loopback allowance is off; default 443. */
  OUTBOUND_PORTS: z
    .string()
    .regex(/^\d{1,5}(,\d{1,5})*$/, 'comma-separated port numbers')
    .default('443')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(65_535))),
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
  QUEUE_URL_RELAY_FAILURES: z.url().optional(),
  QUEUE_URL_JOBS: z.url().optional(),
  /** Bucket of job results and exports (see infra/topology.ts `buckets`). */
  BUCKET_OBJECTS: z.string().min(1).optional(),
  /** Local runtime only: path-style S3 URLs (fauxqs serves S3 on its own host, no bucket subdomains). */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * How `GET /v1/downloads/{token}` hands out the file: `inline` (the function sends the bytes)
   * or `presigned` (303 to a presigned S3 URL valid for one minute; needed beyond Lambda's 6 MB
   * response limit). Default: `presigned` in AWS, `inline` locally (fauxqs does not enforce
   * presigned expiry).
   */
  DOWNLOAD_REDIRECT: z.enum(['inline', 'presigned']).optional(),
  /** Profiles per page of the `portfolio.export` job (default 500): smaller pages report progress and notice a cancel sooner. */
  EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
  /** Lifetime of hub-signed download links, seconds (default 900). */
  DOWNLOAD_LINK_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
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
  /**
   * Local stage only: webhook retries further away than this many seconds are parked for the
   * delivery sweep instead of riding on an SQS delay (default and AWS: 900, SQS's limit), so
   * advancing the local clock brings them forward. Never set in AWS.
   */
  DELIVERY_QUEUE_DELAY_MAX_SECONDS: z.coerce.number().int().min(0).max(900).optional(),
  /** Sign-in in AWS (the authorizer): the Cognito user pool and the app clients (comma-separated) whose access tokens it accepts. */
  COGNITO_USER_POOL_ID: z.string().min(1).optional(),
  COGNITO_CLIENT_ID: z
    .string()
    .transform((ids) => ids.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
    .pipe(z.array(z.string()).min(1))
    .optional(),
  /** Sign-in locally: the local OIDC issuer (infra/local/oidc-issuer.ts), its JWKS and the audience of its tokens. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  ...ConsoleSignInEnvSchema.shape,
})
  .refine((e) => !e.ALLOW_LOOPBACK_OUTBOUND || e.STAGE === 'local', { path: ['ALLOW_LOOPBACK_OUTBOUND'], message: 'only in the local stage' })
  .refine((e) => e.DELIVERY_QUEUE_DELAY_MAX_SECONDS === undefined || e.STAGE === 'local', { path: ['DELIVERY_QUEUE_DELAY_MAX_SECONDS'], message: 'only in the local stage' });
export type Env = z.infer<typeof EnvSchema>;
export type QueueEnvKey = Extract<keyof Env, `QUEUE_URL_${string}`>;
export type BucketEnvKey = Extract<keyof Env, `BUCKET_${string}`>;

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

let cachedGuards: RequestGuardEnv | undefined;

/**
 * The router's part of the environment, parsed on its own (the router also runs in unit tests
 * without a table). An invalid RATE_LIMITS is a configuration error naming it, never ignored.
 */
export const requestGuardEnv = (): RequestGuardEnv => {
  if (!cachedGuards) {
    const parsed = RequestGuardEnvSchema.safeParse(process.env);
    if (!parsed.success) throw new Error(`Invalid function configuration (environment): ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    cachedGuards = parsed.data;
  }
  return cachedGuards;
};

/** URL of a queue this function was given, or a configuration error naming the variable. */
export const queueUrl = (key: QueueEnvKey): string => {
  const url = env()[key];
  if (!url) throw new Error(`Function is not configured with ${key}`);
  return url;
};

/**
 * The outbound rules of this function (see shared/adapters/http/guarded-fetch.ts): the loopback
 * allowance and the port allow-list. Pass it to `createGuardedFetch` / `outboundUrlGuard`.
 */
export const outboundPolicy = (): { allowLoopback: boolean; allowedPorts: readonly number[] } => ({
  allowLoopback: env().ALLOW_LOOPBACK_OUTBOUND,
  allowedPorts: env().OUTBOUND_PORTS,
});

/** For `npm start`: the loopback allowance is on unless ALLOW_LOOPBACK_OUTBOUND=false (anything else but true/false is refused). */
export const localLoopbackAllowance = (): boolean => {
  const parsed = LoopbackAllowanceSchema.default('true').safeParse(process.env.ALLOW_LOOPBACK_OUTBOUND);
  if (!parsed.success) throw new Error('ALLOW_LOOPBACK_OUTBOUND must be true or false');
  return parsed.data === 'true';
};

/** Name of a bucket this function was given, or a configuration error naming the variable. */
export const bucketName = (key: BucketEnvKey): string => {
  const name = env()[key];
  if (!name) throw new Error(`Function is not configured with ${key}`);
  return name;
};

/** Variable through which the local runtime moves the clock of every function (local stage only). */
export const LOCAL_CLOCK_OFFSET_VAR = 'LOCAL_CLOCK_OFFSET_MS';

const ClockOffsetSchema = z.coerce.number().int().min(0);

/**
 * How far the controllable local clock is ahead of the system clock, in ms: read on every call
 * (the local runtime moves it while functions run). 0 outside the local stage, so in AWS every
 * function reads the system clock.
 */
export const localClockOffsetMs = (): number => {
  if (env().STAGE !== 'local') return 0;
  const raw = process.env[LOCAL_CLOCK_OFFSET_VAR];
  if (raw === undefined || raw === '') return 0;
  const parsed = ClockOffsetSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid function configuration (environment): ${LOCAL_CLOCK_OFFSET_VAR}`);
  return parsed.data;
};

/** For tests and the local runtime: forget the parsed environment. */
export const resetEnvForTests = (): void => {
  cached = undefined;
  cachedGuards = undefined;
};
