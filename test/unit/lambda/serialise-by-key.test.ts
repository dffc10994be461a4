import { describe, expect, it } from 'vitest';
import { serialiseByKey } from '../../../shared/lambda/serialise-by-key.js';

const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('serialiseByKey', () => {
  it('runs work of one key one at a time, in call order, and different keys concurrently', async () => {
    // Prepare
    const lanes = serialiseByKey();
    const log: string[] = [];
    let running = 0;
    let maxSameKey = 0;
    let maxOverall = 0;
    const perKey = new Map<string, number>();
    const job = (key: string, n: number) => async () => {
      running++;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      maxSameKey = Math.max(maxSameKey, perKey.get(key) ?? 0);
      maxOverall = Math.max(maxOverall, running);
      log.push(`${key}${n}:start`);
      await tick();
      log.push(`${key}${n}:end`);
      perKey.set(key, (perKey.get(key) ?? 1) - 1);
      running--;
      return n;
    };
    // Act
    const results = await Promise.all([lanes.run('a', job('a', 1)), lanes.run('b', job('b', 1)), lanes.run('a', job('a', 2)), lanes.run('a', job('a', 3))]);
    // Assess
    expect(results).toEqual([1, 1, 2, 3]);
    expect(maxSameKey).toBe(1);
    expect(maxOverall).toBe(2);
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a1:start', 'a1:end', 'a2:start', 'a2:end', 'a3:start', 'a3:end']);
    await tick();
    expect(lanes.size).toBe(0);
  });

  it('keeps going after a failure and hands the error to its caller only', async () => {
    const lanes = serialiseByKey();
    const failing = lanes.run('k', () => Promise.reject(new Error('boom')));
    const next = lanes.run('k', () => Promise.resolve('ok'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
