import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AssessmentRequestSchema, EngagementSchema, PartnerAssessmentSchema, type AssessmentRequest, type Engagement, type PartnerAssessment } from '../../domain/partners/partner-model.js';
import type { AssessmentRepository, EngagementRepository } from '../../domain/partners/ports.js';
import type { TableRef } from './client.js';

const pk = (partnerId: string) => `PARTNER#${partnerId}`;
const engagementKey = (partnerId: string, customerId: string) => ({ pk: pk(partnerId), sk: `ENGAGEMENT#${customerId}` });
const assessmentKey = (partnerId: string, externalRef: string) => ({ pk: pk(partnerId), sk: `ASSESSMENT#${externalRef}` });
const requestKey = (partnerId: string, requestId: string) => ({ pk: pk(partnerId), sk: `REQUEST#${requestId}` });

const CursorSchema = z.object({ pk: z.string(), sk: z.string().startsWith('ASSESSMENT#') }).strict();

const parseCursor = (cursor: string): unknown => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

const engagementItem = (e: Engagement) => ({ ...engagementKey(e.partnerId, e.customerId), entity: 'engagement', engagement: EngagementSchema.parse(e) });
const requestItem = (r: AssessmentRequest) => ({ ...requestKey(r.partnerId, r.requestId), entity: 'assessment_request', request: AssessmentRequestSchema.parse(r) });

/**
 * A partner's engagements, assessment requests and submitted assessments, all under the
 * partner's partition (every partner read is a Query on its own partition: no cross-partner
 * reads are possible by construction). The assessment's sort key is its externalRef, which
 * makes the partner's idempotency key a uniqueness condition.
 */
export const partnerStore = ({ client, tableName }: TableRef): EngagementRepository & AssessmentRepository => {
  const queryAll = async (partnerId: string, prefix: string): Promise<Array<Record<string, unknown>>> => {
    const out: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': pk(partnerId), ':sk': prefix }, ExclusiveStartKey: startKey, ConsistentRead: true }),
      );
      out.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  };
  return {
    async get(partnerId, customerId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: engagementKey(partnerId, customerId), ConsistentRead: true }));
      return Item ? EngagementSchema.parse(Item['engagement']) : undefined;
    },
    async getByRef(partnerId, externalRef) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: assessmentKey(partnerId, externalRef), ConsistentRead: true }));
      return Item ? PartnerAssessmentSchema.parse(Item['assessment']) : undefined;
    },
    put: async (engagement) => {
      await client.send(new PutCommand({ TableName: tableName, Item: engagementItem(engagement) }));
    },
    list: async (partnerId) => (await queryAll(partnerId, 'ENGAGEMENT#')).map((i) => EngagementSchema.parse(i['engagement'])),
    async putWithRequest(engagement, request) {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: engagementItem(engagement) } },
            { Put: { TableName: tableName, Item: requestItem(request), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    },
    async listForPartner(partnerId, { limit, cursor }) {
      const parsed = cursor === undefined ? undefined : CursorSchema.safeParse(parseCursor(cursor));
      if (parsed && (!parsed.success || parsed.data.pk !== pk(partnerId))) return { assessments: [] };
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': pk(partnerId), ':sk': 'ASSESSMENT#' },
          Limit: limit,
          ConsistentRead: true,
          ...(parsed?.success ? { ExclusiveStartKey: parsed.data } : {}),
        }),
      );
      const next = page.LastEvaluatedKey ? CursorSchema.parse({ pk: page.LastEvaluatedKey['pk'], sk: page.LastEvaluatedKey['sk'] }) : undefined;
      return {
        assessments: (page.Items ?? []).map((i) => PartnerAssessmentSchema.parse(i['assessment'])),
        ...(next ? { nextCursor: Buffer.from(JSON.stringify(next), 'utf8').toString('base64url') } : {}),
      };
    },
    item: (assessment: PartnerAssessment) => ({
      item: { ...assessmentKey(assessment.partnerId, assessment.externalRef), entity: 'partner_assessment', assessment: PartnerAssessmentSchema.parse(assessment) },
      condition: 'not_exists' as const,
    }),
    async getRequest(partnerId, requestId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: requestKey(partnerId, requestId), ConsistentRead: true }));
      return Item ? AssessmentRequestSchema.parse(Item['request']) : undefined;
    },
    listRequests: async (partnerId) => (await queryAll(partnerId, 'REQUEST#')).map((i) => AssessmentRequestSchema.parse(i['request'])),
    requestItem: (request) => ({ item: requestItem(request) }),
  };
};
