// The values that flow between pipeline stages. Every stage is a function from
// one of these to the next; the ones that can fail on bad input return a
// `Result` carrying a stable error code, never throw (exceptions are for bugs).

/** A failure that is normal for a feed pipeline: a broken feed, a timeout. */
export type StageError = {
  /** Stable, machine-readable: `timeout`, `http_status`, `xml_malformed`, ... */
  code: string;
  /** One sentence for a person, naming what failed and why. */
  message: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: StageError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

/** Languages the network publishes or receives; `und` is an answer, not an error. */
export const LANGUAGES = ['ru', 'en', 'uk', 'be'] as const;
export type Language = (typeof LANGUAGES)[number];
export type DetectedLanguage = Language | 'und';

// ---- fetch -----------------------------------------------------------------

export type FetchRequest = {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
};

export type FetchedFeed =
  | {
      status: 'ok';
      /** URL after redirects: the base for relative links. */
      finalUrl: string;
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** Content-Location and Content-Language as sent (absent for files): the document's own address and language. */
      contentLocation?: string | null;
      contentLanguage?: string | null;
      /** Every URL visited, first to last. */
      redirects: string[];
      /** The response's Cache-Control (its max-age is a hint for the next poll); absent for files. */
      cacheControl?: string | null;
    }
  | {
      status: 'not-modified';
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
      redirects: string[];
      cacheControl?: string | null;
    };

/** What a feed and its response say about how often to poll, as written (read by the service's schedule). */
export type FeedRefreshHints = {
  /** RSS 2.0 `<ttl>`: minutes. */
  ttl?: string | null;
  /** `sy:updatePeriod`: hourly, daily, weekly, monthly, yearly. */
  updatePeriod?: string | null;
  /** `sy:updateFrequency`: times per period. */
  updateFrequency?: string | null;
  /** The response's Cache-Control header. */
  cacheControl?: string | null;
};

/** A fetch failure may ask the caller to wait (429/503 with Retry-After). */
export type FetchError = StageError & { retryAfter?: string | null; httpStatus?: number };

export type FetchResult = { ok: true; value: FetchedFeed } | { ok: false; error: FetchError };

// ---- decode ----------------------------------------------------------------

export type EncodingSource = 'bom' | 'http' | 'xml' | 'detected' | 'default';

/** Bytes the decoder read otherwise than `encoding` says, because the feed mixed in another code page. */
export type DecodeRepair = {
  /**
   * `windows-1251-in-koi8-r`: windows-1251 punctuation bytes inside KOI8-R text (decode/repairs.json);
   * `windows-1252-c1`: C1 control characters (bytes 0x80-0x9F of ISO-8859-1 text) read as windows-1252 punctuation.
   */
  kind: 'windows-1251-in-koi8-r' | 'windows-1252-c1';
  /** How many characters were repaired. */
  count: number;
  /** The distinct characters they became, e.g. `«»№—`. */
  characters: string;
};

export type DecodedFeed = {
  text: string;
  /** Canonical lower-case label, e.g. `utf-8`, `windows-1251`, `koi8-r`. */
  encoding: string;
  encodingSource: EncodingSource;
  /** Set when some bytes were read in another code page than `encoding` (see DecodeRepair). */
  repaired?: DecodeRepair;
};

// ---- parse -----------------------------------------------------------------

export type FeedFormat = 'rss2' | 'rss1' | 'rss09' | 'atom' | 'json';

export type Enclosure = { url: string; type: string | null; length: number | null };

/** An item as the feed states it: raw strings, links maybe relative. */
export type RawItem = {
  title: string | null;
  link: string | null;
  guid: string | null;
  /** RSS guid isPermaLink; null when the attribute is absent. */
  guidIsPermaLink: boolean | null;
  /** Raw date string exactly as in the feed (pubDate, dc:date, published, updated). */
  date: string | null;
  /** author, dc:creator, itunes:author (RSS); author name or email, dc:creator, itunes:author (Atom). */
  author: string | null;
  /** RSS description / Atom summary, else itunes:summary, else media:description (may hold HTML). */
  description: string | null;
  /** content:encoded, Atom content, yandex:full-text (HTML). */
  content: string | null;
  enclosures: Enclosure[];
  /** media:content / media:thumbnail URLs, in document order. */
  mediaUrls: string[];
  /** media:description of the item's media (or media:group), as text: what the picture shows. */
  imageAlt: string | null;
  /** Effective xml:base for this item, when the feed declares one. */
  xmlBase: string | null;
};

export type ParsedFeed = {
  format: FeedFormat;
  /** HTML, like the item text fields. */
  title: string | null;
  /** As the feed states it: maybe relative. */
  link: string | null;
  /** HTML. */
  description: string | null;
  language: string | null;
  xmlBase: string | null;
  items: RawItem[];
  /** How often the feed says it changes, as written: RSS `<ttl>` (minutes), `sy:updatePeriod`, `sy:updateFrequency`. */
  refresh?: { ttl: string | null; updatePeriod: string | null; updateFrequency: string | null };
};

// ---- normalize -------------------------------------------------------------

/** Which rung of the guid fallback chain gave the item its identity (normalize/identity.ts). */
export type GuidSource = 'guid-url' | 'guid' | 'link' | 'link-title' | 'content-hash';

export type NormalizedItem = {
  /** Stable dataset id derived from the identity key (see normalize/identity.ts). */
  _id: string;
  /** The feed's own guid (RSS guid, Atom id, RDF about), trimmed; null when the feed gave none. */
  guid: string | null;
  /** The identity key the `_id` was hashed from: a normalised URL, `source:guid`, link and title, or a content hash. */
  identityKey: string;
  guidSource: GuidSource;
  link: string | null;
  title: string;
  summary: string;
  contentHtml: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  /** True when the feed gave no usable date and `publishedAt` is the first-seen time. */
  publishedAtEstimated: boolean;
  author: string | null;
  image: string | null;
  /** The feed's words for the image (media:description), only with an image. */
  imageAlt: string | null;
  enclosures: Enclosure[];
};

/** An item of a feed left out because an earlier item of the same feed has its identity: the same item twice. */
export type DroppedItem = {
  /** Position in the feed (0-based) of the item left out... */
  index: number;
  /** ...and of the item kept in its place. */
  keptIndex: number;
  identityKey: string;
  guidSource: GuidSource;
};

/** What a feed says about itself, for a reader: plain text and an absolute link. */
export type FeedInfo = { title: string | null; link: string | null; description: string | null; language: string | null };

export type NormalizedFeed = { items: NormalizedItem[]; dropped: DroppedItem[] };

export type NormalizeContext = {
  sourceId: string;
  /** Final URL after redirects, or the file URL. */
  feedUrl: string;
  /** Time the item was first seen, used when the feed has no date. ISO 8601. */
  now: string;
  /** IANA time zone for dates the feed writes without a zone (the source's); null or absent: dates.json defaults. */
  timeZone?: string | null;
  /** The response's Content-Location: the document's own address, the base for relative links before `feedUrl`. */
  contentLocation?: string | null;
  /** The response's Content-Language: the feed's language when the document declares none. */
  contentLanguage?: string | null;
};

// ---- language --------------------------------------------------------------

export type LanguageDecision = {
  language: DetectedLanguage;
  /** 0..1 */
  confidence: number;
  /** How the decision was reached: `script`, `franc`, `declared`, `franc+prior`, `too-short`... */
  method: string;
};
