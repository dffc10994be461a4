import type { Principal } from '../../shared/domain/auth/principal.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/domain/errors.js';
import { manageEngagements } from '../../shared/domain/partners/manage-engagements.js';
import { partnerApi } from '../../shared/domain/partners/partner-api.js';
import { EngageInputSchema, RequestAssessmentInputSchema, SubmitAssessmentSchema } from '../../shared/domain/partners/partner-model.js';
import { AgreementInputSchema, AgreementPatchSchema } from '../../shared/domain/sharing/agreement.js';
import { manageAgreements } from '../../shared/domain/sharing/manage-agreements.js';
import { DatasetQuerySchema, readDataset } from '../../shared/domain/sharing/read-dataset.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { agreementStore } from '../../shared/adapters/dynamodb/agreement-store.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { partnerStore } from '../../shared/adapters/dynamodb/partner-store.js';
import { profilePages } from '../../shared/adapters/dynamodb/profile-pages.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { env } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest } from '../../shared/lambda/http.js';
import { partnerRoutes } from './routes.js';
import { AgreementPathSchema, CustomerPathSchema, DatasetPathSchema, EngagementPathSchema, KnownDatasetSchema, ListQuerySchema, PartnerPathSchema } from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const audit = auditLog(table, clock);
const profiles = profileStore(table);
const partners = partnerStore(table);
const agreements = agreementStore(table);
const engagements = manageEngagements({ engagements: partners, profiles, audit, clock });
const partner = partnerApi({ engagements: partners, assessments: partners, profiles, audit, clock });
const sharing = manageAgreements({ agreements, audit, clock });
const datasets = readDataset({ agreements, profiles: profilePages(table), audit, clock });

const who = (request: HttpRequest): Principal => {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
};

export const handler = httpFunction(partnerRoutes, {
  engagePartner: async (req) => {
    const { partnerId } = parseOrThrow(PartnerPathSchema, req.params, 'path');
    const input = parseOrThrow(EngageInputSchema, req.json(), 'engagement');
    const result = await engagements.engage(partnerId, input, who(req));
    return { status: result.created ? 201 : 200, body: { engagement: result.engagement } };
  },
  listEngagements: async (req) => {
    const { partnerId } = parseOrThrow(PartnerPathSchema, req.params, 'path');
    return { status: 200, body: { engagements: await engagements.list(partnerId) } };
  },
  endEngagement: async (req) => {
    const { partnerId, customerId } = parseOrThrow(EngagementPathSchema, req.params, 'path');
    return { status: 200, body: { engagement: await engagements.end(partnerId, customerId, who(req)) } };
  },
  requestAssessment: async (req) => {
    const { partnerId } = parseOrThrow(PartnerPathSchema, req.params, 'path');
    const input = parseOrThrow(RequestAssessmentInputSchema, req.json(), 'assessment request');
    return { status: 201, body: await engagements.requestAssessment(partnerId, input, who(req)) };
  },
  submitAssessment: async (req) => {
    const input = parseOrThrow(SubmitAssessmentSchema, req.json(), 'assessment');
    const { assessment, replayed } = await partner.submit(input, who(req));
    const { fingerprint: _f, ...visible } = assessment;
    return { status: replayed ? 200 : 201, body: { assessment: visible, replayed } };
  },
  listOwnAssessments: async (req) => {
    const query = parseOrThrow(ListQuerySchema, req.query, 'query');
    const page = await partner.list(who(req), { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
    return { status: 200, body: { assessments: page.assessments.map(({ fingerprint: _f, ...a }) => a), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  },
  listAssessmentRequests: async (req) => ({ status: 200, body: { requests: await partner.listRequests(who(req)) } }),
  viewEngagedCustomer: async (req) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, req.params, 'path');
    return { status: 200, body: { customer: await partner.viewCustomer(customerId, who(req)) } };
  },
  createAgreement: async (req) => {
    const input = parseOrThrow(AgreementInputSchema, req.json(), 'agreement');
    return { status: 201, body: { agreement: await sharing.create(input, who(req)) } };
  },
  listAgreements: async () => ({ status: 200, body: { agreements: await sharing.list() } }),
  getAgreement: async (req) => {
    const { agreementId } = parseOrThrow(AgreementPathSchema, req.params, 'path');
    return { status: 200, body: { agreement: await sharing.get(agreementId) } };
  },
  updateAgreement: async (req) => {
    const { agreementId } = parseOrThrow(AgreementPathSchema, req.params, 'path');
    const patch = parseOrThrow(AgreementPatchSchema, req.json(), 'agreement update');
    return { status: 200, body: { agreement: await sharing.update(agreementId, patch, who(req)) } };
  },
  revokeAgreement: async (req) => {
    const { agreementId } = parseOrThrow(AgreementPathSchema, req.params, 'path');
    return { status: 200, body: { agreement: await sharing.revoke(agreementId, who(req)) } };
  },
  readDataset: async (req) => {
    const { dataset } = parseOrThrow(DatasetPathSchema, req.params, 'path');
    const known = KnownDatasetSchema.safeParse(dataset);
    if (!known.success) throw new ForbiddenError('No active data-sharing agreement covers this dataset');
    const query = parseOrThrow(DatasetQuerySchema, req.query, 'query');
    return { status: 200, body: await datasets(known.data, query, who(req)) };
  },
});
