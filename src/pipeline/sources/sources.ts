import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { describeZodError } from '../../lib/schemaErrors.ts';
import { LANGUAGES, fail, ok, type Result } from '../model.ts';
import taxonomy from '../../../content/taxonomy.json' with { type: 'json' };

const REGION_IDS = taxonomy.regions.map((region) => region.id) as [string, ...string[]];

/** Each region's IANA time zone (content/taxonomy.json): how its sources write dates that name no zone. */
export const REGION_TIME_ZONES: ReadonlyMap<string, string> = new Map(taxonomy.regions.map((region) => [region.id, region.timeZone]));

/** Whether the runtime knows `name` as an IANA time zone (`Europe/Moscow`, `UTC`), not an offset or a typo. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' });

/** A feed address: http(s), or `file:` (absolute, or relative to the sources file). */
const feedAddress = z
  .string()
  .refine((value) => /^https?:\/\//i.test(value) || value.startsWith('file:'), {
    message: 'must be an http(s) URL or a file: path',
  });

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lower-case letters, digits, hyphens'),
    name: z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict(),
    siteUrl: httpUrl.nullable(),
    feedUrl: feedAddress.nullable(),
    region: z.enum(REGION_IDS).nullable(),
    language: z.enum(LANGUAGES),
    /** IANA time zone for dates the feed writes without one; default: the region's (content/taxonomy.json). */
    timeZone: z.string().refine(isIanaTimeZone, 'must be an IANA time zone such as "Europe/Moscow"').optional(),
    enabled: z.boolean().default(true),
    /** Shown to editors only (the studio): where the feed URL is documented, or why there is none. */
    note: z.string().optional(),
    /** Shown to readers on the sources page: what the source is, in both languages. */
    description: z.object({ ru: z.string().trim().min(1), en: z.string().trim().min(1) }).strict().optional(),
    /** Demo content: shown on the site as sample data, never as news of a real body. */
    sample: z.boolean().default(false),
    /**
     * Minutes between polls by the service (`npm start`, `npm run worker`), 1 to 1440. Unset: the
     * service adapts to how often the feed posts (src/service/schedule.ts); `--interval` overrides it.
     */
    pollInterval: z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(1440, 'must be at most 1440 minutes (a day)').optional(),
  })
  .strict()
  .refine((source) => !(source.enabled && source.feedUrl === null), {
    message: 'an enabled source needs a feedUrl',
    path: ['feedUrl'],
  });

export const sourcesFileSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    sources: z.array(sourceSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((source, index) => {
      if (seen.has(source.id)) {
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'id'], message: `duplicate id "${source.id}"` });
      }
      seen.add(source.id);
    });
  });

export type SourceConfig = Omit<z.infer<typeof sourceSchema>, 'timeZone'> & {
  /** The source's time zone, else its region's; null when it has neither. */
  timeZone: string | null;
  /**
   * The address to fetch: `feedUrl` with a relative `file:` path resolved
   * against the sources file's folder. `feedUrl` itself stays as written, so
   * the dataset records the same value on every machine.
   */
  fetchUrl: string | null;
};

/**
 * Validates parsed JSON; `origin` names the file in messages, `baseDirectory`
 * is where relative `file:` feed paths start (the sources file's folder).
 */
export function parseSources(json: unknown, origin: string, baseDirectory: string = process.cwd()): Result<SourceConfig[]> {
  const parsed = sourcesFileSchema.safeParse(json);
  if (!parsed.success) {
    return fail('sources_invalid', `${origin}: ${describeZodError(parsed.error, '')}`);
  }
  return ok(
    parsed.data.sources.map((source) => ({
      ...source,
      timeZone: source.timeZone ?? (source.region === null ? null : (REGION_TIME_ZONES.get(source.region) ?? null)),
      fetchUrl: resolveFeedAddress(source.feedUrl, baseDirectory),
    })),
  );
}

/**
 * Reads and validates a sources file. Relative `file:` feed addresses are fetched
 * from the file's own folder, so a sources file and its demo feeds travel together.
 */
export async function loadSources(file: string): Promise<Result<SourceConfig[]>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail('sources_unreadable', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('sources_not_json', `${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseSources(json, file, path.dirname(path.resolve(file)));
}

function resolveFeedAddress(feedUrl: string | null, base: string): string | null {
  if (feedUrl === null || !feedUrl.startsWith('file:')) return feedUrl;
  if (feedUrl.startsWith('file://')) return feedUrl;
  const local = feedUrl.slice('file:'.length);
  return pathToFileURL(path.resolve(base, local)).href;
}
