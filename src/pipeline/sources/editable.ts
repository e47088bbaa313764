import { createHash } from 'node:crypto';
import { reference, refOf, regionId, type DatasetDocument } from '../store/documents.ts';
import { LANGUAGES } from '../model.ts';
import type { SourceConfig } from './sources.ts';
import taxonomy from '../../../content/taxonomy.json' with { type: 'json' };

const REGION_IDS: readonly string[] = taxonomy.regions.map((region) => region.id);

// A source's configuration is edited in the studio; the sources file seeds it.
// The ingest fetches with the configuration the dataset holds, and writes the
// file's configuration to a source document only while no editor has changed
// it: the document records a hash of what was seeded (`configSeedHash`), and a
// document whose configuration no longer hashes to it is the editors'.

/** The configuration fields editors change in the studio. */
export const SOURCE_EDITABLE_FIELDS = ['name', 'siteUrl', 'feedUrl', 'region', 'language', 'enabled', 'note', 'description'] as const;

/** The file's configuration as the source document stores it (absent values are undefined). */
export function seededSourceFields(source: SourceConfig): Record<string, unknown> {
  return {
    name: source.name,
    siteUrl: source.siteUrl ?? undefined,
    feedUrl: source.feedUrl ?? undefined,
    region: source.region ? reference(regionId(source.region)) : undefined,
    language: source.language,
    enabled: source.enabled,
    note: source.note,
    description: source.description,
  };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A hash of the editable configuration of a document or of seeded fields. */
export function sourceConfigHash(fields: Record<string, unknown>): string {
  const picked = Object.fromEntries(SOURCE_EDITABLE_FIELDS.map((name) => [name, fields[name]]));
  return createHash('sha256').update(stableJson(picked)).digest('hex').slice(0, 32);
}

/** True when no editor changed the document's configuration since the ingest seeded it (documents from before the hash count as seeded). */
export function sourceConfigIsSeeded(document: DatasetDocument): boolean {
  const recorded = document.configSeedHash;
  return typeof recorded !== 'string' || sourceConfigHash(document) === recorded;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isHttp = (value: string | undefined): value is string => value !== undefined && /^https?:\/\/[^\s]+$/i.test(value);

/**
 * The configuration an ingest fetches with: the source document's where it
 * has one (an editor's change wins), the file's for anything the document
 * lacks or holds in a shape the ingest cannot use. A feed URL changed in the
 * studio must be http(s); `file:` addresses stay the sources file's.
 */
export function configFromDocument(source: SourceConfig, document: DatasetDocument | undefined): SourceConfig {
  // Unchanged since seeding: the file's configuration, which may have changed since, is written this run.
  if (document === undefined || document._type !== 'source' || sourceConfigIsSeeded(document)) return source;
  const name = document.name as { ru?: unknown; en?: unknown } | undefined;
  const ru = text(name?.ru);
  const en = text(name?.en);
  const feedUrl = text(document.feedUrl);
  const region = refOf(document.region)?.replace(/^region-/, '');
  const language = text(document.language);
  const siteUrl = text(document.siteUrl);
  const feedChanged = feedUrl !== source.feedUrl && isHttp(feedUrl);
  return {
    ...source,
    name: ru && en ? { ru, en } : source.name,
    siteUrl: document.siteUrl === undefined ? null : isHttp(siteUrl) ? siteUrl : source.siteUrl,
    feedUrl: feedChanged ? feedUrl : source.feedUrl,
    fetchUrl: feedChanged ? feedUrl : source.fetchUrl,
    region: region !== undefined && REGION_IDS.includes(region) ? (region as SourceConfig['region']) : document.region === undefined ? null : source.region,
    language: language !== undefined && (LANGUAGES as readonly string[]).includes(language) ? (language as SourceConfig['language']) : source.language,
    // Enabled only with a feed to fetch.
    enabled: typeof document.enabled === 'boolean' ? document.enabled && (feedChanged ? true : source.feedUrl !== null) : source.enabled,
    note: typeof document.note === 'string' ? document.note : undefined,
  };
}
