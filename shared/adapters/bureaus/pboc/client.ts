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
import { tryParseJson, vendorTransport, type ConnectorDeps } from '../common/bureau-http.js';

/**
 * Configuration of the PBOC connector. In production the Credit Reference Center is reached
 * through a licensed agency gateway over mutual TLS; this adapter models that gateway as an
 * HTTPS JSON API authenticated by an API key (`x-api-key`). Its calls go through the hub's
 * guarded fetch like every other outbound call; mutual TLS, when needed, becomes an option of
 * that fetch (shared/adapters/http), never a client of its own here. Never read from env here.
 */
export const PbocClientConfigSchema = z.object({
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  /** Our member (institution) code at the CRC, sent with each query. */
  institutionCode: z.string().min(1),
  /** 查询原因 sent with the query; 贷款审批 (loan approval) or 贷后管理 (post-loan management). */
  queryReason: z.enum(['贷款审批', '贷后管理', '信用卡审批', '担保资格审查']).default('贷后管理'),
  timeoutMs: z.number().int().positive().default(15_000),
});
export type PbocClientConfig = z.input<typeof PbocClientConfigSchema>;

const GatewayAnswerSchema = z.union([
  z.object({ reportHeader: z.object({}).loose() }).loose(),
  z.object({ resultCode: z.string() }).loose(),
]);

/**
 * PBOC personal credit report connector (个人信用报告) via the agency gateway:
 * `POST /v1/personal-credit-reports` with the subject's name and resident id number, our
 * institution code, the 查询原因 and the reference of the subject's written authorisation
 * (授权书; `ctx.requestId` is used as the query serial). Returns the JSON rendition verbatim;
 * the gateway's `resultCode: NO_RECORD` (无信用记录) becomes subject_not_found.
 */
export const createPbocConnector = (input: PbocClientConfig, deps: ConnectorDeps): BureauConnector => {
  const config = PbocClientConfigSchema.parse(input);
  const { transport, now } = vendorTransport('pboc', config, deps, async () => ({ headers: { 'x-api-key': config.apiKey }, expiresAtMs: Number.POSITIVE_INFINITY }));
  return {
    bureau: 'pboc',
    product: 'personal_credit_report',
    async fetchReport(subject: BureauSubject, ctx: BureauRequestContext): Promise<RawBureauReport> {
      const idNumber = subject.identifiers.find((id) => id.scheme === 'cn_resident_id')?.value;
      if (subject.kind !== 'consumer' || idNumber === undefined) {
        throw new PermanentError('subject_incomplete', 'a PBOC personal report needs a consumer with a resident id number');
      }
      const authorizationRef = subject.identifiers.find((id) => id.scheme === 'external' && id.value.startsWith('pboc-auth:'))?.value;
      const request = { name: subject.name, idType: '身份证', idNumber, institutionCode: config.institutionCode, queryReason: config.queryReason, querySerial: ctx.requestId, authorizationRef };
      const { body, contentType } = await transport.send('/v1/personal-credit-reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }, ctx);
      const parsed = GatewayAnswerSchema.safeParse(tryParseJson(body));
      if (!parsed.success) throw new MalformedReportError('pboc gateway answer is neither a report nor a result code', { rawBody: body });
      if (!('reportHeader' in parsed.data)) {
        if (parsed.data.resultCode === 'NO_RECORD') throw new SubjectNotFoundError('pboc');
        throw new PermanentError('bureau_rejected', `pboc gateway refused the query (${String(parsed.data.resultCode).slice(0, 40)})`);
      }
      return { bureau: 'pboc', product: 'personal_credit_report', contentType, body, receivedAt: new Date(now()).toISOString() };
    },
  };
};
