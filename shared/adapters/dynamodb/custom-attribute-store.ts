import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import { CustomAttributeSchema, type CustomAttribute, type CustomAttributeRepository } from '../../domain/profile/custom-attributes.js';
import { isConditionFailure, type TableRef } from './client.js';

/**
 * Custom attribute declarations in one small partition: `CUSTOM_ATTRIBUTES / ATTR#<name>`.
 * A declaration is created once (conditional put); deprecation replaces it. Items are zod-parsed when read back.
 */
const PK = 'CUSTOM_ATTRIBUTES';
const key = (name: string) => ({ pk: PK, sk: `ATTR#${name}` });

export const customAttributeStore = ({ client, tableName }: TableRef): CustomAttributeRepository => ({
  async list() {
    const out: CustomAttribute[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PK }, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) out.push(CustomAttributeSchema.parse(item['attribute']));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
  async get(name) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key(name), ConsistentRead: true }));
    return Item ? CustomAttributeSchema.parse(Item['attribute']) : undefined;
  },
  async create(attribute) {
    try {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { ...key(attribute.name), entity: 'custom-attribute', attribute: CustomAttributeSchema.parse(attribute) }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Custom attribute ${attribute.name} is declared already`, { cause: error, retryable: false });
      throw error;
    }
  },
  async save(attribute) {
    await client.send(new PutCommand({ TableName: tableName, Item: { ...key(attribute.name), entity: 'custom-attribute', attribute: CustomAttributeSchema.parse(attribute) } }));
  },
});
