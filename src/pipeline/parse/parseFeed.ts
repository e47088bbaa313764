import Parser from 'rss-parser';
import { fail, ok, type ParsedFeed, type Result } from '../model.ts';
import { parseJsonFeedText, looksLikeJson } from './jsonFeed.ts';
import { FEED_FIELDS, ITEM_FIELDS, mapFeed, rawKey, type RssParserOutput } from './mapFeed.ts';
import { DEFAULT_PARSE_LIMITS, prepareXml, type ParseLimits } from './prepareXml.ts';

const customField = (name: string) => [name, rawKey(name), { keepArray: true }];

function createParser(): Parser<Record<string, unknown>, Record<string, unknown>> {
  // Options rss-parser's typings do not describe (keepArray on feed fields) are supported at run time.
  const options = {
    defaultRSS: 2,
    xml2js: { strict: true, normalize: false, trim: false },
    customFields: { feed: FEED_FIELDS.map(customField), item: ITEM_FIELDS.map(customField) },
  } as unknown as ConstructorParameters<typeof Parser>[0];
  return new Parser<Record<string, unknown>, Record<string, unknown>>(options);
}

/** sax's "Unexpected close tag\nLine: 4\nColumn: 7\nChar: >" as one sentence. */
function describeSaxError(message: string): string | null {
  const match = /^([^\n]*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (!match) return null;
  return `${match[1]} at line ${Number(match[2]) + 1}, column ${match[3]}`;
}

/**
 * Parses a decoded feed document (RSS 0.9x, RSS 1.0/RDF, RSS 2.0, Atom 0.3
 * and 1.0, JSON Feed 1.0 and 1.1) into raw items. Never fetches anything and
 * never throws; fails with `json_malformed`, `feed_empty`, `feed_too_large`, `feed_too_many_items`, `not_a_feed`,
 * `xml_entity_bomb`, `xml_too_deep`, `xml_malformed` or
 * `feed_unreadable` (a well-formed document rss-parser could not map).
 */
export async function parseFeed(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Promise<Result<ParsedFeed>> {
  try {
    if (looksLikeJson(text)) return parseJsonFeedText(text, limits);
    const prepared = prepareXml(text, limits);
    if (!prepared.ok) return prepared;
    const { xml, root, format, hasChannel } = prepared.value;
    let output: RssParserOutput;
    try {
      output = (await createParser().parseString(xml)) as unknown as RssParserOutput;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const sax = describeSaxError(message);
      if (sax) return fail('xml_malformed', sax);
      if (format !== 'atom' && !hasChannel) {
        // A well-formed <rss> or <rdf:RDF> with no channel: a feed with nothing in it.
        return ok({ format, title: null, link: null, description: null, language: null, xmlBase: null, items: [] });
      }
      return fail('feed_unreadable', `rss-parser could not read the ${format} document: ${message}`);
    }
    return ok(mapFeed(output, format, root));
  } catch (error) {
    // A bug, but one feed's bug must not stop the run: it becomes this feed's error.
    return fail('parse_internal_error', `parsing failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
  }
}
