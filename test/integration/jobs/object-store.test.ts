import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ObjectStore } from '../../../shared/adapters/s3/object-store.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const MiB = 1024 * 1024;

describe('s3ObjectStore on fauxqs S3', () => {
  const clients = emulatorClients();
  let objects: ReturnType<typeof s3ObjectStore>;

  beforeAll(async () => {
    const resources = await provisionTestResources(clients);
    objects = s3ObjectStore({ client: clients.s3, bucket: resources.bucketNames.objects });
  });
  afterAll(() => clients.destroy());

  it('puts, heads, gets and deletes text and bytes with their media type', async () => {
    // Act
    const text = await objects.put('exports/a.csv', 'id,name\r\n1,Ä\r\n', { mediaType: 'text/csv; charset=utf-8' });
    const bytes = await objects.put('results/b.bin', new Uint8Array([0, 255, 7]), { mediaType: 'application/octet-stream' });
    // Assess
    expect(text.bytes).toBe(Buffer.byteLength('id,name\r\n1,Ä\r\n'));
    expect(await objects.head('exports/a.csv')).toEqual({ mediaType: 'text/csv; charset=utf-8', bytes: text.bytes });
    const got = await objects.get('exports/a.csv');
    expect(Buffer.from(got!.body).toString('utf8')).toBe('id,name\r\n1,Ä\r\n');
    expect([...(await objects.get('results/b.bin'))!.body]).toEqual([0, 255, 7]);
    expect(bytes.bytes).toBe(3);
    await objects.delete('exports/a.csv');
    expect(await objects.get('exports/a.csv')).toBeUndefined();
    expect(await objects.head('exports/a.csv')).toBeUndefined();
    await expect(objects.delete('exports/a.csv')).resolves.toBeUndefined();
  });

  it('streams a body larger than one part as a multipart upload and counts its bytes', async () => {
    // Prepare
    async function* chunks() {
      for (let i = 0; i < 12; i++) yield Buffer.alloc(MiB, 97 + (i % 26));
      yield 'tail';
    }
    // Act
    const { bytes } = await objects.put('exports/big.ndjson', chunks(), { mediaType: 'application/x-ndjson' });
    // Assess
    expect(bytes).toBe(12 * MiB + 4);
    const got = await objects.get('exports/big.ndjson');
    expect(got?.bytes).toBe(bytes);
    expect(Buffer.from(got!.body.subarray(MiB - 1, MiB + 1)).toString()).toBe('ab');
    expect(Buffer.from(got!.body.subarray(-5)).toString()).toBe('ltail');
  });

  it('leaves nothing behind when the stream throws, small or multipart', async () => {
    // Prepare
    async function* failing(size: number) {
      yield Buffer.alloc(size, 120);
      throw new Error('cancelled by the job');
    }
    // Act
    const small = objects.put('exports/fail-small.csv', failing(10), { mediaType: 'text/csv' });
    const large = objects.put('exports/fail-large.csv', failing(9 * MiB), { mediaType: 'text/csv' });
    // Assess
    await expect(small).rejects.toThrow('cancelled by the job');
    await expect(large).rejects.toThrow('cancelled by the job');
    expect(await objects.head('exports/fail-small.csv')).toBeUndefined();
    expect(await objects.head('exports/fail-large.csv')).toBeUndefined();
  });

  it('presigns a GET that names the file as an attachment (the emulator serves it; expiry is only enforced by S3)', async () => {
    // Prepare
    await objects.put('exports/signed.csv', 'a,b\r\n', { mediaType: 'text/csv' });
    // Act
    const url = await objects.presignGet('exports/signed.csv', { expiresInSeconds: 60, fileName: 'report "1".csv', mediaType: 'text/csv' });
    const response = await fetch(url);
    // Assess
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    expect(new URL(url).searchParams.get('response-content-disposition')).toBe('attachment; filename="report__1_.csv"');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('a,b\r\n');
  });

  it('refuses keys that are not plain relative paths', async () => {
    // Assess
    for (const key of ['../x', '/abs', 'a//b', 'exports/../x', '']) {
      await expect(objects.put(key, 'x', { mediaType: 'text/plain' })).rejects.toThrow(/not a plain relative key/);
    }
  });
});
