import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeZodError } from './schemaErrors.ts';

const schema = z
  .object({
    sources: z.array(
      z
        .object({
          id: z.string().min(1),
          port: z.number().int().max(65535),
          kind: z.enum(['rss', 'atom']),
          site: z.url().optional(),
          home: z.url({ error: 'must be an absolute http(s) URL' }).optional(),
          tags: z.array(z.string()).min(1).optional(),
        })
        .strict(),
    ),
  })
  .strict();

describe('describeZodError', () => {
  it.each([
    ['a missing field', { id: undefined }, 'sources[0].id: is required'],
    ['a wrong type', { port: '80' }, 'sources[0].port: must be a number, not a string'],
    ['an empty string', { id: '' }, 'sources[0].id: must not be empty'],
    ['a number too large', { port: 70000 }, 'sources[0].port: must be at most 65535'],
    ['a value outside an enum', { kind: 'json' }, 'sources[0].kind: must be one of "rss", "atom"'],
    ['a malformed URL', { site: 'nope' }, 'sources[0].site: must be an absolute URL'],
    ['the schema\'s own message', { home: 'nope' }, 'sources[0].home: must be an absolute http(s) URL'],
    ['an empty list', { tags: [] }, 'sources[0].tags: must not be empty'],
    ['an unknown field', { colour: 'red' }, 'sources[0]: has an unknown field "colour"'],
  ])('%s reads as a sentence', (_name, change, expected) => {
    const source = { id: 'a', port: 80, kind: 'rss', ...change };
    const parsed = schema.safeParse({ sources: [source] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeZodError(parsed.error, '')).toBe(expected);
  });

  it.each([
    ['', 'sources: is required'],
    ['args', 'args.sources: is required'],
  ])('joins the path under the root %j without a stray dot', (root, expected) => {
    const parsed = schema.safeParse({});
    if (!parsed.success) expect(describeZodError(parsed.error, root)).toBe(expected);
  });

  it('names the whole value when the problem is at the top', () => {
    const parsed = schema.safeParse('text');
    if (!parsed.success) expect(describeZodError(parsed.error, '')).toBe('(top level): must be an object, not a string');
  });
});
