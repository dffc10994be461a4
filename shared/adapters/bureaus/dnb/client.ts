import { z } from 'zod';
import {
  MalformedReportError,
  SubjectNotFoundError,
  type BureauConnector,
  type BureauRequestContext,
  type BureauSubject,
  type RawBureauReport,
} from '../../../domain/credit/bureau-connector.js';
import { parseAuthAnswer, tryParseJson, vendorTransport, type ConnectorDeps } from '../common/bureau-http.js';

/** Configuration of the D&B Direct+ connector; passed in by the composition root, never read from env. */
export const DnbClientConfigSchema = z.object({
  baseUrl: z.url(),
  /** Direct+ API key and secret (HTTP Basic on `POST /v2/token`). */
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  blockIds: z.array(z.string().min(1)).min(1).default(['companyinfo_L2_v1', 'paymentinsight_L1_v1', 'dnbassessment_L2_v1']),
  /** Lowest cleanseMatch confidence code (1–10) accepted when the subject has no DUNS. */
  minConfidenceCode: z.number().int().min(1).max(10).default(8),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type DnbClientConfig = z.input<typeof DnbClientConfigSchema>;

const TokenSchema = z.object({
  access_token: z.string().min(1),
  expiresIn: z.coerce.number().positive().optional(),
  expires_in: z.coerce.number().positive().optional(),
});
const MatchSchema = z.object({
  matchCandidates: z
    .array(
      z.object({
        organization: z.object({ duns: z.string().regex(/^\d{9}$/) }),
        matchQualityInformation: z.object({ confidenceCode: z.number().int() }).optional(),
      }),
    )
    .default([]),
});
const EnvelopeSchema = z.union([z.object({ organization: z.object({}).loose() }).loose(), z.object({ error: z.object({}).loose() }).loose()]);

const dunsOf = (subject: BureauSubject): string | undefined => {
  const value = subject.identifiers.find((id) => id.scheme === 'duns')?.value.replace(/\D/g, '');
  return value !== undefined && /^\d{9}$/.test(value) ? value : undefined;
};

/**
 * D&B Direct+ connector. Authenticates with `POST /v2/token` (Basic key:secret, JSON
 * `{grant_type: client_credentials}`) and caches the bearer token; resolves a DUNS through
 * `GET /v1/match/cleanseMatch` when the subject has none (best candidate at or above
 * `minConfidenceCode`, else subject_not_found); then fetches
 * `GET /v1/data/duns/{duns}?blockIDs=…` and returns the bytes verbatim.
 * @example const dnb = createDnbConnector({ baseUrl, clientId, clientSecret }); await dnb.fetchReport(subject, { requestId });
 */
export const createDnbConnector = (input: DnbClientConfig, deps: ConnectorDeps): BureauConnector => {
  const config = DnbClientConfigSchema.parse(input);
  const product = config.blockIds.join('+');
  const { transport, now } = vendorTransport('dnb', config, deps, async (call, ctx, clock) => {
    const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    const response = await call('/v2/token', { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) }, ctx);
    const token = await parseAuthAnswer('dnb', response, TokenSchema, 'dnb token response is not a Direct+ token', clock());
    const ttlSeconds = token.expiresIn ?? token.expires_in ?? 3600;
    return { headers: { authorization: `Bearer ${token.access_token}` }, expiresAtMs: clock() + ttlSeconds * 1000 - 60_000 };
  });

  const resolveDuns = async (subject: BureauSubject, ctx: BureauRequestContext): Promise<string> => {
    const known = dunsOf(subject);
    if (known !== undefined) return known;
    const query = new URLSearchParams({ name: subject.name, candidateMaximumQuantity: '1' });
    if (subject.address?.country) query.set('countryISOAlpha2Code', subject.address.country);
    if (subject.address?.postalCode) query.set('postalCode', subject.address.postalCode);
    const registration = subject.identifiers.find((id) => ['ein', 'vat', 'company_number', 'cn_uscc'].includes(id.scheme));
    if (registration) query.set('registrationNumber', registration.value);
    const { body } = await transport.send(`/v1/match/cleanseMatch?${query.toString()}`, { method: 'GET' }, ctx);
    const parsed = MatchSchema.safeParse(tryParseJson(body));
    if (!parsed.success) throw new MalformedReportError('dnb cleanseMatch answer lacks matchCandidates', { rawBody: body });
    const best = parsed.data.matchCandidates[0];
    if (!best || (best.matchQualityInformation?.confidenceCode ?? 0) < config.minConfidenceCode) {
      throw new SubjectNotFoundError('dnb', { details: { reason: 'no_confident_match' } });
    }
    return best.organization.duns;
  };

  return {
    bureau: 'dnb',
    product,
    async fetchReport(subject: BureauSubject, ctx: BureauRequestContext): Promise<RawBureauReport> {
      const duns = await resolveDuns(subject, ctx);
      const query = new URLSearchParams({ blockIDs: config.blockIds.join(','), customerReference: ctx.requestId.slice(0, 240) });
      const { body, contentType } = await transport.send(`/v1/data/duns/${duns}?${query.toString()}`, { method: 'GET' }, ctx);
      if (!EnvelopeSchema.safeParse(tryParseJson(body)).success) throw new MalformedReportError('dnb answer is not a Direct+ data-blocks envelope', { rawBody: body });
      return { bureau: 'dnb', product, contentType, body, receivedAt: new Date(now()).toISOString() };
    },
  };
};
