import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../domain/errors.js';
import { StoredConsentSchema, type ConsentRepository, type StoredConsent } from '../../domain/bureau-pulls/ports.js';
import { isConditionFailure, type TableRef } from './client.js';

const key = (customerId: string, consentId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `CONSENT#${consentId}` });

/** Consents of a customer, one item each under the customer's partition. */
export const consentStore = ({ client, tableName }: TableRef): ConsentRepository => ({
  async add(consent) {
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...key(consent.customerId, consent.consentId), entity: 'consent', consent: StoredConsentSchema.parse(consent) }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },
  async list(customerId) {
    const out: StoredConsent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':sk': 'CONSENT#' },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) out.push(StoredConsentSchema.parse(item['consent']));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
  async revoke(customerId, consentId, at) {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(customerId, consentId),
          UpdateExpression: 'SET #c.#r = if_not_exists(#c.#r, :at)',
          ExpressionAttributeNames: { '#c': 'consent', '#r': 'revokedAt' },
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return StoredConsentSchema.parse(Attributes?.['consent']);
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError(`Consent ${consentId}`, { cause: error });
      throw error;
    }
  },
});
