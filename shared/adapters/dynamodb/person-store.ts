import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError } from '../../domain/errors.js';
import { PersonSchema, type Person } from '../../domain/people/person.js';
import type { PersonRepository, StoredPerson } from '../../domain/people/manage-people.js';
import { isConditionFailure, type TableRef } from './client.js';

/**
 * People: `PERSON#<id> / PERSON` with a revision; listed on gsi1 (`PEOPLE`, createdAt). A handful of records.
 * A person with an identity-provider `subject` also has a lookup item `PERSON_SUBJECT#<subject> / PERSON_SUBJECT`
 * naming them, written in the same transaction as the person (so a subject belongs to one person at most): the
 * authorizer finds the person behind a token's `sub` with two strongly consistent reads, never a scan or list.
 */
const keyOf = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PERSON' });
const subjectKeyOf = (subject: string) => ({ pk: `PERSON_SUBJECT#${subject}`, sk: 'PERSON_SUBJECT' });
const ItemSchema = z.object({ rev: z.number().int().positive(), person: PersonSchema });
const SubjectItemSchema = z.object({ personId: z.string().min(1) });

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
    const put = { TableName: tableName, Item: toItem(stored), ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      if (person.subject === undefined) await client.send(new PutCommand(put));
      else {
        const lookup = { TableName: tableName, Item: { ...subjectKeyOf(person.subject), entity: 'person_subject', personId: person.personId }, ConditionExpression: 'attribute_not_exists(pk)' };
        await client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Put: lookup }] }));
      }
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Person ${person.personId} or their subject already exists`, { retryable: false, cause: error });
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
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: subjectKeyOf(subject), ConsistentRead: true }));
    if (!Item) return undefined;
    const person = (await this.get(SubjectItemSchema.parse(Item).personId))?.person;
    return person?.subject === subject ? person : undefined;
  },
});
