import { runtimeClock } from '../../shared/lambda/clock.js';
import { manageEngagements } from '../../shared/domain/partners/manage-engagements.js';
import { partnerApi } from '../../shared/domain/partners/partner-api.js';
import { partnerAccuracy } from '../../shared/domain/partners/partner-accuracy.js';
import { outcomeStore } from '../../shared/adapters/dynamodb/outcome-store.js';
import { ratingHistoryStore } from '../../shared/adapters/dynamodb/rating-history-store.js';
import { readDataset } from '../../shared/domain/sharing/read-dataset.js';
import { agreementStore } from '../../shared/adapters/dynamodb/agreement-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { partnerStore } from '../../shared/adapters/dynamodb/partner-store.js';
import { profilePages } from '../../shared/adapters/dynamodb/profile-pages.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { auditAnchoring, auditTrail } from '../../shared/lambda/audit-trail.js';
import { env } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { hubSigningKey } from '../../shared/lambda/signing-key.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { partnerRoutes } from './routes.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const log = auditTrail(table, clock);
// Policy approvals/activations and agreement changes are checkpointed right after they are audited.
const audit = auditAnchoring(log, clock).anchored(log);
const profiles = profileStore(table);
const partners = partnerStore(table);
const agreements = agreementStore(table);
const engagements = manageEngagements({ engagements: partners, profiles, audit, clock });
const partner = partnerApi({ engagements: partners, assessments: partners, profiles, audit, clock });
// Creating or widening an agreement asks for an approval; a second person grants it (here or through /v1/approvals).
const { sharing } = trustServices({ table, clock, audit });
const accuracy = partnerAccuracy({ assessments: partners, outcomes: outcomeStore(table), ratings: (customerId) => ratingHistoryStore(table).all(customerId) });
const datasets = readDataset({ agreements, profiles: profilePages(table), audit, clock });

export const handler = httpFunction(partnerRoutes, {
  engagePartner: async ({ params, body, principal }) => {
    const result = await engagements.engage(params.partnerId, body, principal);
    return { status: result.created ? 201 : 200, body: { engagement: result.engagement } };
  },
  listEngagements: async ({ params }) => ({ status: 200, body: { engagements: await engagements.list(params.partnerId) } }),
  endEngagement: async ({ params, principal }) => ({ status: 200, body: { engagement: await engagements.end(params.partnerId, params.customerId, principal) } }),
  requestAssessment: async ({ params, body, principal }) => ({ status: 201, body: await engagements.requestAssessment(params.partnerId, body, principal) }),
  partnerAccuracy: async ({ params }) => ({ status: 200, body: { accuracy: await accuracy(params.partnerId) } }),
  submitAssessment: async ({ body, principal }) => {
    const result = await partner.submit(body, principal);
    return { status: result.replayed ? 200 : 201, body: result };
  },
  listOwnAssessments: async ({ page, principal }) => {
    const result = await partner.list(principal, { limit: page.limit, cursor: typeof page.after === 'string' ? page.after : undefined });
    return { status: 200, body: { assessments: result.assessments, nextCursor: null, next: null }, ...(result.nextCursor ? { next: result.nextCursor } : {}) };
  },
  listAssessmentRequests: async ({ principal }) => ({ status: 200, body: { requests: await partner.listRequests(principal) } }),
  viewEngagedCustomer: async ({ params, principal }) => ({ status: 200, body: { customer: await partner.viewCustomer(params.customerId, principal) } }),
  createAgreement: async ({ body, principal }) => ({ status: 202, body: { approval: (await sharing.create(body, principal)).approval! } }),
  listAgreements: async () => ({ status: 200, body: { agreements: await sharing.list() } }),
  getAgreement: async ({ params }) => ({ status: 200, body: { agreement: await sharing.get(params.agreementId) } }),
  updateAgreement: async ({ params, body, principal }) => {
    const outcome = await sharing.update(params.agreementId, body, principal);
    return outcome.approval ? { status: 202, body: { approval: outcome.approval } } : { status: 200, body: { agreement: outcome.agreement } };
  },
  revokeAgreement: async ({ params, principal }) => ({ status: 200, body: { agreement: await sharing.revoke(params.agreementId, principal) } }),
  readDataset: async ({ params, query, page, principal }) => {
    const result = await datasets(params.dataset, { ...query, limit: page.limit, after: page.after }, principal);
    return { status: 200, body: { ...result.page, nextCursor: null, next: null }, ...(result.next ? { next: result.next } : {}) };
  },
}, { signingKey: hubSigningKey });
