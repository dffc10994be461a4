import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError } from '../../domain/errors.js';
import { PersonSchema, type Person } from '../../domain/people/person.js';
import type { PersonRepository, StoredPerson } from '../../domain/people/manage-people.js';
import { isConditionFailure, type TableRef } from './client.js';

/** People: `PERSON#<id> / PERSON` with a revision; listed on gsi1 (`PEOPLE`, createdAt). A handful of records. */
const keyOf = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PERSON' });
const ItemSchema = z.object({ rev: z.number().int().positive(), person: PersonSchema });

const toItem = ({ rev, person }: StoredPerson) => ({
  ...keyOf(person.personId),
  entity: 'person',
  rev,
  person: PersonSchema.parse(person),
  gsi1pk: 'PEOPLE',
  gsi1sk: `${person.createdAt}#${person.personId}`,
});

export const personStore = ({ client, tableName }: TableRef): PersonRepository => ({
  async get(personId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(personId), ConsistentRead: true }));
    return Item ? ItemSchema.parse(Item) : undefined;
  },
  async create(person: Person) {
    const stored = { rev: 1, person };
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: toItem(stored), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Person ${person.personId} already exists`, { retryable: false, cause: error });
      throw error;
    }
    return stored;
  },
  async save(stored) {
    const next = { rev: stored.rev + 1, person: stored.person };
    try {
      await client.send(
        new PutCommand({ TableName: tableName, Item: toItem(next), ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': stored.rev } }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Person ${stored.person.personId} changed concurrently`, { cause: error });
      throw error;
    }
    return next;
  },
  async list() {
    const out: Person[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'PEOPLE' }, ExclusiveStartKey: startKey }));
      out.push(...(page.Items ?? []).map((i) => ItemSchema.parse(i).person));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
  async bySubject(subject) {
    return (await this.list()).find((p) => p.subject === subject);
  },
});
