import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { sampleJsonSchema, type JsonSchema } from '../../support/json-schema-sample.js';
import { routes } from '../../../infra/topology.js';

const jsonSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;

describe('sampleJsonSchema', () => {
  it('draws values the source zod schema accepts: patterns, formats, bounds, enums, nested objects and arrays', () => {
    // Prepare
    const schema = z.strictObject({
      id: z.string().regex(/^sub_[0-9A-Z]{26}$/),
      key: z.string().regex(/^[0-9a-z]{20}$/),
      at: z.iso.datetime({ offset: true }),
      email: z.email(),
      url: z.url(),
      kind: z.enum(['a', 'b']),
      scope: z.literal('assess'),
      size: z.number().int().positive().max(10),
      share: z.number().min(0).max(1),
      flag: z.boolean(),
      note: z.string().min(3).max(5).optional(),
      items: z.array(z.strictObject({ code: z.string().regex(/^R\d{2}$/) })).min(2),
    });
    // Act / Assess
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.constantFrom('minimal' as const, 'full' as const), (seed, mode) => {
        const value = sampleJsonSchema(jsonSchema(schema), { seed, mode });
        expect(schema.safeParse(value).error).toBeUndefined();
        if (mode === 'full') expect(value).toHaveProperty('note');
        else expect(value).not.toHaveProperty('note');
      }),
      { numRuns: 30 },
    );
  });

  it('draws the same value from the same seed and another from another', () => {
    const schema = jsonSchema(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/) }));
    expect(sampleJsonSchema(schema, { seed: 1 })).toEqual(sampleJsonSchema(schema, { seed: 1 }));
    expect(sampleJsonSchema(schema, { seed: 1 })).not.toEqual(sampleJsonSchema(schema, { seed: 2 }));
  });

  it('draws valid path parameters for every declared route', () => {
    for (const route of routes.filter((r) => r.params)) {
      const value = sampleJsonSchema(jsonSchema(route.params!), { seed: 3 });
      expect(route.params!.safeParse(value).success, `${route.operation} ${JSON.stringify(value)}`).toBe(true);
    }
  });
});
