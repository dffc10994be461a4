import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personStore } from '../../../shared/adapters/dynamodb/person-store.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { Person } from '../../../shared/domain/people/person.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const person = (personId: string, subject?: string): Person => ({
  personId,
  displayName: personId,
  email: `${personId}@example.test`,
  roles: ['analyst'],
  status: 'active',
  ...(subject ? { subject } : {}),
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'key:bootstrap',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('person store on DynamoDB Local', () => {
  const clients = emulatorClients();
  /** The commands the store sent, by name: the sign-in path must read items, never scan or list. */
  const sent: string[] = [];
  let store: ReturnType<typeof personStore>;
  beforeAll(async () => {
    const { tableName } = await provisionTestResources(clients);
    const recording = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), clients.doc.send(command as never)) } as unknown as DynamoDBDocumentClient;
    store = personStore({ client: recording, tableName });
  });
  afterAll(() => clients.destroy());

  it('finds the person behind a subject with item reads only, among many people', async () => {
    for (let i = 0; i < 30; i++) await store.create(person(`filler-${i}`, `sub-filler-${i}`));
    await store.create(person('li-wei', 'oidc|li-wei'));
    sent.length = 0;
    expect(await store.bySubject('oidc|li-wei')).toMatchObject({ personId: 'li-wei', subject: 'oidc|li-wei' });
    expect(await store.bySubject('oidc|nobody')).toBeUndefined();
    expect(sent).toEqual(['GetCommand', 'GetCommand', 'GetCommand']);
  });

  it('gives a subject to one person at most, and writes nothing for the refused one', async () => {
    await store.create(person('anna-schmidt', 'oidc|anna'));
    await expect(store.create(person('anna-impostor', 'oidc|anna'))).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get('anna-impostor')).toBeUndefined();
    expect((await store.bySubject('oidc|anna'))?.personId).toBe('anna-schmidt');
  });

  it('keeps the subject lookup when the person is saved, and people without a subject need none', async () => {
    const stored = await store.create(person('ops-lead', 'oidc|ops'));
    await store.save({ ...stored, person: { ...stored.person, roles: ['analyst', 'auditor'] } });
    expect((await store.bySubject('oidc|ops'))?.roles).toEqual(['analyst', 'auditor']);
    await store.create(person('no-sign-in'));
    expect((await store.get('no-sign-in'))?.person.subject).toBeUndefined();
  });
});
