import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import { StoredAgreementSchema, type StoredAgreement } from '../../domain/sharing/agreement.js';
import type { AgreementRepository } from '../../domain/sharing/ports.js';
import { isConditionFailure, type TableRef } from './client.js';

/** Agreements are few: one partition, read consistently (a revocation takes effect on the next read). */
const PK = 'AGREEMENTS';
const key = (agreementId: string) => ({ pk: PK, sk: `AGREEMENT#${agreementId}` });

/** Data-sharing agreements with their HMAC salts (the salt never leaves through the API). */
export const agreementStore = ({ client, tableName }: TableRef): AgreementRepository => {
  const list = async (): Promise<StoredAgreement[]> => {
    const out: StoredAgreement[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': PK, ':sk': 'AGREEMENT#' }, ExclusiveStartKey: startKey, ConsistentRead: true }),
      );
      for (const item of page.Items ?? []) out.push(StoredAgreementSchema.parse(item['agreement']));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  };
  return {
    async create(agreement) {
      try {
        await client.send(
          new PutCommand({ TableName: tableName, Item: { ...key(agreement.agreementId), entity: 'agreement', agreement: StoredAgreementSchema.parse(agreement) }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(`Agreement ${agreement.agreementId} already exists`, { cause: error, retryable: false });
        throw error;
      }
    },
    async get(agreementId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key(agreementId), ConsistentRead: true }));
      return Item ? StoredAgreementSchema.parse(Item['agreement']) : undefined;
    },
    async put(agreement, expected) {
      const condition = expected
        ? {
            ConditionExpression: '#a.#s = :active AND #a.#u = :updatedAt',
            ExpressionAttributeNames: { '#a': 'agreement', '#s': 'status', '#u': 'updatedAt' },
            ExpressionAttributeValues: { ':active': 'active', ':updatedAt': expected.updatedAt },
          }
        : {};
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: { ...key(agreement.agreementId), entity: 'agreement', agreement: StoredAgreementSchema.parse(agreement) }, ...condition }));
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(`Agreement ${agreement.agreementId} changed meanwhile`, { cause: error });
        throw error;
      }
    },
    list,
    listForConsultant: async (consultantRef) => (await list()).filter((a) => a.consultantRef === consultantRef),
  };
};
