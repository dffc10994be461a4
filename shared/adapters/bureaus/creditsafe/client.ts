import { z } from 'zod';
import { PermanentError } from '../../../domain/errors.js';
import {
  MalformedReportError,
  SubjectNotFoundError,
  type BureauConnector,
  type BureauRequestContext,
  type BureauSubject,
  type RawBureauReport,
} from '../../../domain/credit/bureau-connector.js';
import { parseAuthAnswer, tryParseJson, vendorTransport, type ConnectorDeps } from '../common/bureau-http.js';

/** Configuration of the Creditsafe Connect connector; passed in, never read from env. */
export const CreditsafeClientConfigSchema = z.object({
  baseUrl: z.url(),
  username: z.string().min(1),
  password: z.string().min(1),
  language: z.string().min(2).max(5).default('en'),
  /** Connect tokens last about an hour; renew a little earlier (seconds). */
  tokenTtlSeconds: z.number().int().positive().default(55 * 60),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type CreditsafeClientConfig = z.input<typeof CreditsafeClientConfigSchema>;

const AuthSchema = z.object({ token: z.string().min(1) });
const SearchSchema = z.object({ companies: z.array(z.object({ id: z.string().min(1) }).loose()).default([]) }).loose();
const ReportEnvelopeSchema = z.object({ report: z.object({}).loose() }).loose();

/**
 * Creditsafe Connect connector. Authenticates with `POST /v1/authenticate {username, password}`
 * → `{token}` (sent as `Authorization: Bearer`), finds the connectId with
 * `GET /v1/companies?countries=&regNo=` (or `name=`) when the subject has no `creditsafe_id`,
 * then fetches `GET /v1/companies/{connectId}?language=` and returns the bytes verbatim.
 */
export const createCreditsafeConnector = (input: CreditsafeClientConfig, deps: ConnectorDeps): BureauConnector => {
  const config = CreditsafeClientConfigSchema.parse(input);
  const { transport, now } = vendorTransport('creditsafe', config, deps, async (call, ctx, clock) => {
    const response = await call('/v1/authenticate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: config.username, password: config.password }) }, ctx);
    const { token } = await parseAuthAnswer('creditsafe', response, AuthSchema, 'creditsafe authenticate answer has no token', clock());
    return { headers: { authorization: `Bearer ${token}` }, expiresAtMs: clock() + config.tokenTtlSeconds * 1000 };
  });

  const resolveConnectId = async (subject: BureauSubject, ctx: BureauRequestContext): Promise<string> => {
    const known = subject.identifiers.find((id) => id.scheme === 'creditsafe_id')?.value;
    if (known !== undefined) return known;
    const country = subject.address?.country;
    if (country === undefined) throw new PermanentError('subject_incomplete', 'creditsafe search needs the subject country');
    const query = new URLSearchParams({ countries: country, page: '1', pageSize: '1' });
    const regNo = subject.identifiers.find((id) => id.scheme === 'company_number' || id.scheme === 'cn_uscc')?.value;
    const vat = subject.identifiers.find((id) => id.scheme === 'vat')?.value;
    if (regNo !== undefined) query.set('regNo', regNo);
    else if (vat !== undefined) query.set('vatNo', vat);
    else query.set('name', subject.name);
    const { body } = await transport.send(`/v1/companies?${query.toString()}`, { method: 'GET' }, ctx);
    const parsed = SearchSchema.safeParse(tryParseJson(body));
    if (!parsed.success) throw new MalformedReportError('creditsafe company search answer lacks companies', { rawBody: body });
    const first = parsed.data.companies[0];
    if (!first) throw new SubjectNotFoundError('creditsafe', { details: { reason: 'no_search_result' } });
    return first.id;
  };

  return {
    bureau: 'creditsafe',
    product: 'company_credit_report',
    async fetchReport(subject: BureauSubject, ctx: BureauRequestContext): Promise<RawBureauReport> {
      const connectId = await resolveConnectId(subject, ctx);
      const query = new URLSearchParams({ language: config.language });
      const { body, contentType } = await transport.send(`/v1/companies/${encodeURIComponent(connectId)}?${query.toString()}`, { method: 'GET' }, ctx);
      if (!ReportEnvelopeSchema.safeParse(tryParseJson(body)).success) throw new MalformedReportError('creditsafe answer has no report', { rawBody: body });
      return { bureau: 'creditsafe', product: 'company_credit_report', contentType, body, receivedAt: new Date(now()).toISOString() };
    },
  };
};
