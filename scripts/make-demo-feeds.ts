// Builds the bundled demo feeds (content/demo/) from the project's sample items
// (../shared/sample/items.jsonl by default). Run by hand when the sample changes:
//   npx node scripts/make-demo-feeds.ts [ITEMS.jsonl]
// The output is committed: a fresh offline clone ingests these files.
// It also renders the project's own illustrations (demo-illustrations.ts) to
// content/demo/images/ and attaches them to some items, as RSS enclosures or
// media:content, under https://medclusters.example/sample/images/: the image
// store reads that prefix from the folder (src/lib/site/images.json).
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { z } from 'zod';
import { ILLUSTRATIONS, type Illustration } from './demo-illustrations.ts';

const itemSchema = z.object({
  id: z.string(),
  source: z.string(),
  lang: z.enum(['ru', 'en', 'be']),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string(),
  link: z.string().nullable(),
});

/** The pseudo-sources of the sample, as demo sources. Names say "sample" so no real body is misrepresented. */
const DEMO_SOURCES = {
  'lnr-health': { region: 'luhansk', language: 'ru', ru: 'Здравоохранение ЛНР (пример)', en: 'LPR health (sample)', encoding: 'utf-8' },
  'lug-news': { region: 'luhansk', language: 'ru', ru: 'Новости Луганска (пример)', en: 'Luhansk news (sample)', encoding: 'utf-8' },
  'murmansk-gov': { region: 'murmansk', language: 'ru', ru: 'Правительство Мурманской области (пример)', en: 'Murmansk Oblast government (sample)', encoding: 'utf-8' },
  'murmansk-media': { region: 'murmansk', language: 'ru', ru: 'СМИ Заполярья (пример)', en: 'Murmansk media (sample)', encoding: 'koi8-r' },
  'chel-health': { region: 'chelyabinsk', language: 'ru', ru: 'Здравоохранение Челябинской области (пример)', en: 'Chelyabinsk health (sample)', encoding: 'utf-8' },
  'dnr-health': { region: 'donetsk', language: 'ru', ru: 'Здравоохранение ДНР (пример)', en: 'DPR health (sample)', encoding: 'utf-8' },
  'minzdrav-rf': { region: 'federal', language: 'ru', ru: 'Федеральные новости здравоохранения (пример)', en: 'Federal health news (sample)', encoding: 'windows-1251' },
  'minsk-health': { region: 'belarus', language: 'ru', ru: 'Здравоохранение Минска (пример)', en: 'Minsk health (sample)', encoding: 'utf-8' },
  'tass-en': { region: null, language: 'en', ru: 'Новости на английском (пример)', en: 'English-language news (sample)', encoding: 'utf-8' },
} as const;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A document in a legacy encoding: every character the encoding lacks
 * (KOI8-R has no «», no –) is written as a numeric character reference, which
 * every XML parser turns back into the character, instead of iconv's "?".
 */
export function encodeXml(xml: string, encoding: string): Buffer {
  const lacks = (char: string) => iconv.decode(iconv.encode(char, encoding), encoding) !== char;
  const text = [...xml].map((char) => (char.codePointAt(0)! > 0x7f && lacks(char) ? `&#${char.codePointAt(0)};` : char)).join('');
  return iconv.encode(text, encoding);
}

const IMAGE_BASE = 'https://medclusters.example/sample/images/';

const input = process.argv[2] ?? path.resolve(import.meta.dirname, '../../shared/sample/items.jsonl');
const out = path.resolve(import.meta.dirname, '../content/demo');
mkdirSync(path.join(out, 'feeds'), { recursive: true });
rmSync(path.join(out, 'images'), { recursive: true, force: true });
mkdirSync(path.join(out, 'images'), { recursive: true });
const imageBytes = new Map<string, number>();
for (const illustration of ILLUSTRATIONS) {
  const jpeg = await sharp(Buffer.from(illustration.svg)).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
  writeFileSync(path.join(out, 'images', illustration.file), jpeg);
  imageBytes.set(illustration.file, jpeg.length);
}

const items = readFileSync(input, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, index) => {
    const parsed = itemSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${input}:${index + 1}: ${parsed.error.message}`);
    return parsed.data;
  });

// Two sample items of one story sometimes cite the same fact page. In a real feed
// each outlet has its own URL, and a shared link means "the same item" to the
// pipeline, so only the earliest keeps the link; the story grouper pairs them.
const linkOwner = new Map<string, string>();
for (const item of [...items].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))) {
  if (item.link && !linkOwner.has(item.link)) linkOwner.set(item.link, item.id);
}
const ownLink = (item: { id: string; link: string | null }) =>
  item.link && linkOwner.get(item.link) === item.id ? item.link : null;

// Every third item an illustration fits gets it, so some items have a picture and most do not, like real feeds.
const illustrationOf = new Map<string, Illustration>();
let fitting = 0;
for (const item of [...items].sort((a, b) => a.id.localeCompare(b.id))) {
  const illustration = ILLUSTRATIONS.find((candidate) => candidate.match.test(`${item.title} ${item.summary}`));
  if (illustration && fitting++ % 3 === 0) illustrationOf.set(item.id, illustration);
}
/** RSS enclosure for half of them, Media RSS with a description (the image's alt text) for the other half. */
function imageXml(item: { id: string; lang: string }): string[] {
  const illustration = illustrationOf.get(item.id);
  if (!illustration) return [];
  const url = escapeXml(`${IMAGE_BASE}${illustration.file}`);
  if (Number(item.id.slice(1)) % 2 === 0) return [`      <enclosure url="${url}" type="image/jpeg" length="${imageBytes.get(illustration.file)}"/>`];
  return [
    `      <media:content url="${url}" medium="image" type="image/jpeg" width="960" height="540">`,
    `        <media:description>${escapeXml(item.lang === 'en' ? illustration.alt.en : illustration.alt.ru)}</media:description>`,
    '      </media:content>',
  ];
}

const sources = [];
for (const [pseudo, meta] of Object.entries(DEMO_SOURCES)) {
  const own = items.filter((item) => item.source === pseudo).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  const xmlItems = own.map((item) =>
    [
      '    <item>',
      `      <title>${escapeXml(item.title)}</title>`,
      ownLink(item) ? `      <link>${escapeXml(ownLink(item)!)}</link>` : null,
      `      <guid isPermaLink="false">medclusters-sample-${item.id}</guid>`,
      `      <pubDate>${new Date(item.publishedAt).toUTCString().replace('GMT', '+0000')}</pubDate>`,
      `      <description>${escapeXml(item.summary)}</description>`,
      item.lang !== meta.language ? `      <dc:language>${item.lang}</dc:language>` : null,
      ...imageXml(item),
      '    </item>',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
  const xml = [
    `<?xml version="1.0" encoding="${meta.encoding}"?>`,
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '  <channel>',
    `    <title>${escapeXml(meta.ru)}</title>`,
    '    <link>https://medclusters.example/sample/</link>',
    `    <description>Sample data of medclusters: ${escapeXml(meta.en)}. Items paraphrase or imitate regional news; not reports of the body named.</description>`,
    `    <language>${meta.language}</language>`,
    ...xmlItems,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
  const file = `demo-${pseudo}.xml`;
  writeFileSync(path.join(out, 'feeds', file), encodeXml(xml, meta.encoding));
  sources.push({
    id: `demo-${pseudo}`,
    name: { ru: meta.ru, en: meta.en },
    description: {
      ru: 'Пример из комплекта проекта: имитирует региональные новости и не передаёт сообщения реального органа.',
      en: "A bundled sample: it imitates regional news and carries no real body's reports.",
    },
    siteUrl: null,
    feedUrl: `file:feeds/${file}`,
    region: meta.region,
    language: meta.language,
    enabled: true,
    note: `Bundled sample feed (${own.length} items, ${meta.encoding}) generated by scripts/make-demo-feeds.ts from the project's sample items.`,
    sample: true,
  });
}
writeFileSync(
  path.join(out, 'sources.json'),
  JSON.stringify(
    {
      $comment:
        'Demo sources of the embedded default: local sample feeds, so a fresh offline clone has content. Marked sample: the site labels their items as sample data.',
      sources,
    },
    null,
    2,
  ) + '\n',
);
console.log(`${items.length} items -> ${sources.length} demo feeds in ${out}; ${illustrationOf.size} items illustrated with ${ILLUSTRATIONS.length} images`);
