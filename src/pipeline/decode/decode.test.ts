import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { DecodedFeed, EncodingSource } from '../model.ts';
import { canonicalEncoding, charsetFromContentType, iconvName } from './charset.ts';
import charsets from './charsets.json' with { type: 'json' };
import { decodeFeed } from './decode.ts';
import { CYRILLIC_CANDIDATES, detectEncoding } from './detect.ts';
import { KOI8R_FOREIGN_BYTES, repairC1Controls, repairKoi8rText } from './repair.ts';
import repairs from './repairs.json' with { type: 'json' };

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const REAL = join(TESTDATA, 'real-feeds');
const FEEDPARSER = join(TESTDATA, 'feedparser');

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

function decodeOk(bytes: Uint8Array, contentType: string | null): DecodedFeed {
  const result = decodeFeed(bytes, contentType);
  if (!result.ok) throw new Error(`expected a decode, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

// The real feeds' file names state their encoding: `<site>.<encoding>[.kind].xml`.
const REAL_FEEDS = readdirSync(REAL)
  .filter((name) => name.endsWith('.xml'))
  .map((file) => {
    const encoding = /\.(windows-1251|koi8-r|ibm866|iso-8859-5)\./.exec(file)?.[1];
    if (encoding === undefined) throw new Error(`no encoding in the name of ${file}`);
    return { file, encoding };
  });

// Byte-level edits of the ASCII declaration keep every other byte as it is.
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const DECLARATION = /^<\?xml[^>]*\?>/;
const withDeclaration = (bytes: Uint8Array, declaration: string): Uint8Array =>
  fromLatin1(latin1(bytes).replace(DECLARATION, declaration));
const withoutDeclaration = (bytes: Uint8Array): Uint8Array => withDeclaration(bytes, '');

// UTF-8 Cyrillic read as windows-1251 (`Р°` for а, `С‚` for т), UTF-8 read
// as Latin-1 (`Ð`, `Ã`), windows-1252 punctuation in UTF-8 read as 1251
// (`вЂ`), and bytes read in a DOS/KOI8 page where they meant punctuation:
// box drawing, blocks and maths signs (`╚Искатель╩`, `╧1159`, `≈`, `√`, `⌠`).
const MOJIBAKE = /Р[°µѕёЅ]|С[‚Ѓ]|вЂ|[ÐÑÃ]|[\u2500-\u259f\u2200-\u22ff\u2320\u2321]/;
const COMMON_WORDS = [' и ', ' в ', ' на ', ' не ', ' с ', ' по ', ' что '];

/** Properties of Russian text that a wrong code page destroys. */
function expectRussian(text: string): void {
  expect(text).not.toContain('\ufffd');
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  expect(text).not.toMatch(MOJIBAKE);
  const wordsFound = COMMON_WORDS.filter((word) => text.includes(word));
  expect(wordsFound.length, `common words found: ${wordsFound.join('|')}`).toBeGreaterThanOrEqual(3);
  const letters = text.match(/[а-яё]/gi) ?? [];
  expect(letters.length).toBeGreaterThan(200);
  // The wrong page among KOI8-R/windows-1251 swaps the case of every letter.
  const lower = letters.filter((letter) => letter === letter.toLowerCase()).length;
  expect(lower / letters.length).toBeGreaterThan(0.75);
  const counts = new Map<string, number>();
  for (const letter of letters) counts.set(letter.toLowerCase(), (counts.get(letter.toLowerCase()) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  expect(['о', 'е', 'а', 'и']).toContain(top);
}

const CYRILLIC_TITLE = /[а-яё]{3}/i;

async function itemTitles(text: string): Promise<string[]> {
  const feed = await new Parser().parseString(text);
  return feed.items.map((item) => item.title ?? '');
}

describe('decodeFeed on the real Russian feeds', () => {
  it.each(REAL_FEEDS)('$file decodes as $encoding from its XML declaration', async ({ file, encoding }) => {
    const decoded = decodeOk(read(join(REAL, file)), null);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.encodingSource).toBe('xml');
    expectRussian(decoded.text);
    // The declaration still names the old encoding; rss-parser, given a
    // string, ignores it, so decode leaves the text as the feed wrote it.
    expect(decoded.text).toMatch(/^<\?xml[^>]*encoding=/);
    // koi.kinder.ru has one item without a title.
    const titles = (await itemTitles(decoded.text)).filter((title) => title !== '');
    expect(titles.length).toBeGreaterThan(5);
    expect(titles.filter((title) => !CYRILLIC_TITLE.test(title))).toEqual([]);
  });

  it.each(REAL_FEEDS)('$file without any declaration is detected as $encoding', ({ file, encoding }) => {
    const decoded = decodeOk(withoutDeclaration(read(join(REAL, file))), null);
    expect(decoded).toMatchObject({ encoding, encodingSource: 'detected' });
    expectRussian(decoded.text);
  });

  it.each(REAL_FEEDS)('$file: the first 2 KB alone are still detected as $encoding', ({ file, encoding }) => {
    const head = withoutDeclaration(read(join(REAL, file))).subarray(0, 2048);
    expect(detectEncoding(head).encoding).toBe(encoding);
  });

  it.each(REAL_FEEDS)('$file: a wrong declaration loses to the HTTP charset', ({ file, encoding }) => {
    const wrong = encoding === 'koi8-r' ? 'windows-1251' : 'koi8-r';
    const bytes = withDeclaration(read(join(REAL, file)), `<?xml version="1.0" encoding="${wrong}"?>`);
    const decoded = decodeOk(bytes, `application/rss+xml; charset=${encoding.toUpperCase()}`);
    expect(decoded).toMatchObject({ encoding, encodingSource: 'http' });
    expectRussian(decoded.text);
  });

  it.each(REAL_FEEDS)('$file: a wrong Cyrillic declaration alone is overruled by detection', ({ file, encoding }) => {
    const wrong = encoding === 'koi8-r' ? 'windows-1251' : 'koi8-r';
    const bytes = withDeclaration(read(join(REAL, file)), `<?xml version="1.0" encoding="${wrong}"?>`);
    const decoded = decodeOk(bytes, 'application/xml');
    expect(decoded).toMatchObject({ encoding, encodingSource: 'detected' });
  });

  it('HTTP windows-1251 wins over an XML declaration of utf-8 (RFC 7303)', () => {
    const bytes = withDeclaration(read(join(REAL, 'aif.ru.health.windows-1251.xml')), '<?xml version="1.0" encoding="utf-8"?>');
    const decoded = decodeOk(bytes, 'text/xml; charset=windows-1251');
    expect(decoded).toMatchObject({ encoding: 'windows-1251', encodingSource: 'http' });
    expectRussian(decoded.text);
  });

  it('an XML declaration claiming utf-8 over windows-1251 bytes falls back to detection', () => {
    const bytes = withDeclaration(read(join(REAL, 'oren.ru.windows-1251.yandex.xml')), '<?xml version="1.0" encoding="utf-8"?>');
    const decoded = decodeOk(bytes, 'application/rss+xml');
    expect(decoded).toMatchObject({ encoding: 'windows-1251', encodingSource: 'detected' });
    expectRussian(decoded.text);
  });

  it('a server default charset=utf-8 over windows-1251 bytes yields to the XML declaration', () => {
    const decoded = decodeOk(read(join(REAL, 'newsru.com.windows-1251.xml')), 'text/xml; charset=utf-8');
    expect(decoded).toMatchObject({ encoding: 'windows-1251', encodingSource: 'xml' });
  });

  it('a server default charset=windows-1251 over a UTF-8 feed yields to the bytes', () => {
    const original = decodeOk(read(join(REAL, 'intertat.ru.koi8-r.xml')), null).text;
    const utf8 = new TextEncoder().encode(original.replace(/encoding="[^"]*"/, 'encoding="utf-8"'));
    const decoded = decodeOk(utf8, 'application/rss+xml; charset=windows-1251');
    expect(decoded).toMatchObject({ encoding: 'utf-8', encodingSource: 'xml' });
    expect(decoded.text).toBe(original.replace(/encoding="[^"]*"/, 'encoding="utf-8"'));
  });

  it('charset=ISO-8859-1 over windows-1251 bytes without a declaration is detected as windows-1251', () => {
    const bytes = withoutDeclaration(read(join(REAL, 'kapranoff.ru.windows-1251.rdf.xml')));
    const decoded = decodeOk(bytes, 'text/xml; charset=ISO-8859-1');
    expect(decoded).toMatchObject({ encoding: 'windows-1251', encodingSource: 'detected' });
    expectRussian(decoded.text);
  });

  it('koi.kinder.ru: the windows-1251 punctuation inside its KOI8-R text reads as punctuation', () => {
    const bytes = read(join(REAL, 'koi.kinder.ru.koi8-r.xml'));
    const decoded = decodeOk(bytes, null);
    expect(decoded.text).toContain('«Искатель»');
    expect(decoded.text).toMatch(/№ ?\d/);
    expect(decoded.text).toContain('—');
    // Every byte of the table that occurs in the file was repaired, and nothing else.
    const repairable = new Set(KOI8R_FOREIGN_BYTES.map(({ byte }) => byte));
    const expected = [...bytes].filter((byte) => repairable.has(byte)).length;
    expect(expected).toBeGreaterThan(20);
    expect(decoded.repaired).toEqual({ kind: 'windows-1251-in-koi8-r', count: expected, characters: expect.any(String) });
    expect([...decoded.repaired!.characters].sort()).toEqual(['«', '»', '№', '—', '–', '…'].sort());
    // ё and Ё are KOI8-R's own (0xA3, 0xB3) and stay letters.
    expect(decoded.text).toMatch(/ё/);
  });

  it.each(REAL_FEEDS.filter(({ file }) => !file.startsWith('koi.kinder')))('$file needs no repair', ({ file }) => {
    expect(decodeOk(read(join(REAL, file)), null).repaired).toBeUndefined();
  });

  it('the same text decodes identically from every code page', () => {
    const texts = REAL_FEEDS.filter(({ file }) => file.startsWith('newsru.com') || file.startsWith('money.rin.ru')).map(
      ({ file }) => decodeOk(read(join(REAL, file)), null).text.replace(DECLARATION, '').replace(/Expect: [^\n]*/, ''),
    );
    expect(texts).toHaveLength(4);
    expect(texts[1]).toBe(texts[0]);
    expect(texts[3]).toBe(texts[2]);
  });
});

type FeedparserCase = {
  file: string;
  contentType: string | null;
  encoding: string;
  source: EncodingSource;
  contains?: string | RegExp;
};

// Expectations from feedparser's own test annotations, except where RFC 7303
// differs from the RFC 3023 that feedparser follows: `text/*` without a
// charset no longer means US-ASCII, so those cases are UTF-8 by default.
const FEEDPARSER_CASES: FeedparserCase[] = [
  { file: 'encoding/utf-8-bom.xml', contentType: null, encoding: 'utf-8', source: 'bom' },
  { file: 'encoding/utf-16be-bom.xml', contentType: null, encoding: 'utf-16be', source: 'bom' },
  { file: 'encoding/utf-16le-bom.xml', contentType: null, encoding: 'utf-16le', source: 'bom' },
  { file: 'encoding/utf-32be-bom.xml', contentType: null, encoding: 'utf-32be', source: 'bom' },
  { file: 'encoding/utf-32le-bom.xml', contentType: null, encoding: 'utf-32le', source: 'bom' },
  { file: 'encoding/utf-16be.xml', contentType: null, encoding: 'utf-16be', source: 'xml' },
  { file: 'encoding/utf-16le.xml', contentType: null, encoding: 'utf-16le', source: 'xml' },
  { file: 'encoding/utf-32be.xml', contentType: null, encoding: 'utf-32be', source: 'xml' },
  { file: 'encoding/utf-32le.xml', contentType: null, encoding: 'utf-32le', source: 'xml' },
  { file: 'encoding/utf-16be-autodetect.xml', contentType: null, encoding: 'utf-16be', source: 'xml' },
  { file: 'encoding/utf-16le-autodetect.xml', contentType: null, encoding: 'utf-16le', source: 'xml' },
  { file: 'encoding/utf-32be-autodetect.xml', contentType: null, encoding: 'utf-32be', source: 'xml' },
  { file: 'encoding/utf-32le-autodetect.xml', contentType: null, encoding: 'utf-32le', source: 'xml' },
  { file: 'encoding/u16.xml', contentType: null, encoding: 'utf-16be', source: 'xml' },
  { file: 'encoding/utf16.xml', contentType: null, encoding: 'utf-16be', source: 'xml' },
  { file: 'encoding/utf_16.xml', contentType: null, encoding: 'utf-16be', source: 'xml' },
  { file: 'encoding/utf_32.xml', contentType: null, encoding: 'utf-32be', source: 'xml' },
  { file: 'encoding/utf-16le-autodetect.xml', contentType: 'application/xml; charset=utf-16', encoding: 'utf-16le', source: 'http' },
  { file: 'encoding/no_content_type_encoding.xml', contentType: 'application/xml; charset=utf-16', encoding: 'iso-8859-1', source: 'xml' },
  { file: 'encoding/utf-32le-autodetect.xml', contentType: 'application/xml; charset=utf-16le', encoding: 'utf-32le', source: 'xml' },
  { file: 'encoding/http_application_atom_xml_charset.xml', contentType: "application/atom+xml;charset='us-ascii'", encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_application_atom_xml_charset_overrides_encoding.xml', contentType: "application/atom+xml; charset='us-ascii'", encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_application_rss_xml_charset.xml', contentType: "application/rss+xml;charset= 'us-ascii'", encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_application_rss_xml_charset_overrides_encoding.xml', contentType: 'application/rss+xml;charset= "us-ascii"', encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_application_xml_charset.xml', contentType: 'application/xml;charset= "us-ascii"', encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_application_xml_charset_overrides_encoding.xml', contentType: 'application/xml;charset = us-ascii', encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_application_atom_xml_gb2312_charset_overrides_encoding.xml', contentType: "application/atom+xml; charset='gb2312'", encoding: 'gb18030', source: 'http' },
  { file: 'encoding/http_text_xml_charset.xml', contentType: 'text/xml;charset= "us-ascii"', encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_text_xml_charset_overrides_encoding.xml', contentType: 'text/xml;charset = us-ascii', encoding: 'us-ascii', source: 'http' },
  { file: 'encoding/http_text_xml_charset_2.xml', contentType: 'text/xml; charset=windows-1252', encoding: 'windows-1252', source: 'http', contains: 'This is a £“test.”' },
  { file: 'encoding/http_text_xml_charset_overrides_encoding_2.xml', contentType: 'text/xml; charset=windows-1252', encoding: 'windows-1252', source: 'http', contains: 'This is a £“test.”' },
  { file: 'encoding/http_application_xml_default.xml', contentType: 'application/xml', encoding: 'utf-8', source: 'default' },
  { file: 'encoding/http_application_xml_encoding.xml', contentType: 'application/xml', encoding: 'iso-8859-1', source: 'xml' },
  { file: 'encoding/http_text_xml_default.xml', contentType: 'text/xml', encoding: 'utf-8', source: 'default' },
  { file: 'encoding/http_text_xml_bogus_charset.xml', contentType: 'text/xml;', encoding: 'utf-8', source: 'default' },
  { file: 'encoding/http_text_xml_bogus_param.xml', contentType: 'text/xml; charset:iso-8859-1', encoding: 'utf-8', source: 'default' },
  { file: 'encoding/http_text_xml_qs.xml', contentType: 'text/xml; qs=0.9', encoding: 'utf-8', source: 'default' },
  { file: 'encoding/bozo_http_i18n.xml', contentType: 'text/xml', encoding: 'utf-8', source: 'xml' },
  { file: 'encoding/no_content_type_default.xml', contentType: null, encoding: 'utf-8', source: 'default' },
  { file: 'encoding/no_content_type_encoding.xml', contentType: null, encoding: 'iso-8859-1', source: 'xml' },
  { file: 'encoding/bozo_bogus_encoding.xml', contentType: null, encoding: 'utf-8', source: 'default' },
  { file: 'encoding/http_application_xml_default.xml', contentType: 'application/xml; charset=x-no-such-thing', encoding: 'utf-8', source: 'default' },
  { file: 'encoding/bozo_invalid-bytes-with-bom.xml', contentType: null, encoding: 'iso-8859-1', source: 'detected', contains: 'Invalid UTF8: España' },
  { file: 'illformed/chardet/koi8r.xml', contentType: null, encoding: 'koi8-r', source: 'detected', contains: /[а-я]{4} [а-я]{4}/ },
  { file: 'illformed/chardet/gb2312.xml', contentType: null, encoding: 'gb18030', source: 'detected', contains: /[\u4e00-\u9fff]{4}/ },
  { file: 'illformed/chardet/windows1255.xml', contentType: null, encoding: 'iso-8859-8', source: 'detected', contains: /[\u05d0-\u05ea]{4}/ },
];

describe('decodeFeed on feedparser encoding cases', () => {
  it.each(FEEDPARSER_CASES)('$file ($contentType) → $encoding from $source', ({ file, contentType, encoding, source, contains }) => {
    const decoded = decodeOk(read(join(FEEDPARSER, file)), contentType);
    expect(decoded).toMatchObject({ encoding, encodingSource: source });
    expect(decoded.text).not.toContain('\ufffd');
    expect(decoded.text).not.toContain('\u0000');
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(decoded.text).toMatch(/^\s*<[?!a-z]/);
    // The whole document came through, up to its root's end tag (one of
    // feedparser's files lacks the final `>`).
    expect(decoded.text.trimEnd()).toMatch(/<\/(?:rss|feed|rdf:RDF)>?$/);
    if (contains !== undefined) expect(decoded.text).toMatch(contains);
  });

  it('Thai TIS-620 is not taken for Cyrillic', () => {
    const decoded = decodeOk(read(join(FEEDPARSER, 'illformed/chardet/tis620.xml')), null);
    expect(CYRILLIC_CANDIDATES).not.toContain(decoded.encoding);
  });
});

describe('the KOI8-R repair table (repairs.json)', () => {
  const PSEUDO_GRAPHICS = /^[\u2500-\u25ff\u2200-\u22ff\u2320\u2321]$/;

  it.each(KOI8R_FOREIGN_BYTES.map((entry) => ({ ...entry, hex: entry.byte.toString(16) })))(
    '0x$hex: $koi8r in KOI8-R, $foreign in windows-1251',
    ({ byte, koi8r, foreign }) => {
      expect(byte).toBeGreaterThanOrEqual(0x80);
      expect(byte).toBeLessThanOrEqual(0xbf);
      expect(koi8r).toMatch(PSEUDO_GRAPHICS);
      expect(foreign).not.toMatch(/\p{L}/u);
      expect(foreign).not.toBe('\ufffd');
      // A Ukrainian (KOI8-U) or Belarusian (KOI8-RU) letter at this byte would be destroyed.
      expect(iconv.decode(Uint8Array.of(byte), 'koi8-u')).not.toMatch(/\p{L}/u);
    },
  );

  it('leaves the real text characters of KOI8-R alone', () => {
    const listed = new Set(repairs.koi8r.bytes.map((hex) => Number.parseInt(hex, 16)));
    for (const byte of [0x9a, 0x9c, 0x9d, 0x9e, 0x9f, 0xa3, 0xb3, 0xbf]) expect(listed.has(byte)).toBe(false);
  });

  it.each([
    ['╚Искатель╩ ╧1159', '«Искатель» №1159', 1],
    ['кошка ≈ собака, √ ┘', 'кошка — собака, – …', 1],
    ['ёлка Ёж без замен', 'ёлка Ёж без замен', 0],
  ])('%s → %s', (input, output, repairs) => {
    const result = repairKoi8rText(input);
    expect(result.text).toBe(output);
    expect(result.repaired === null ? 0 : 1).toBe(repairs);
  });

  it('only applies to KOI8-R: the same bytes in IBM866 stay box drawing', () => {
    // 0xC8 0xCA are ╚ ╩ in IBM866, a DOS page whose pseudo-graphics are not repaired.
    const bytes = new Uint8Array(Buffer.from('<?xml version="1.0" encoding="ibm866"?><rss><title>\xc8x\xca</title></rss>', 'latin1'));
    const decoded = decodeOk(bytes, null);
    expect(decoded.text).toContain('╚x╩');
    expect(decoded.repaired).toBeUndefined();
  });
});

describe('decodeFeed failures', () => {
  it('refuses an empty body', () => {
    const result = decodeFeed(new Uint8Array(0), 'application/rss+xml; charset=utf-8');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('decode_empty');
  });

  it('refuses an unknown declared encoding over bytes it cannot make sense of', () => {
    const bytes = new Uint8Array(
      Buffer.concat([Buffer.from('<?xml version="1.0" encoding="x-klingon-7"?><rss><title>'), Buffer.from([0x1b, 0x24, 0x42, 0xb0, 0xa1, 0x8f, 0xe9]), Buffer.from('</title></rss>')]),
    );
    const result = decodeFeed(bytes, null);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('decode_unsupported_encoding');
      expect(result.error.message).toContain('x-klingon-7');
    }
  });

  it('ignores an unknown declared encoding over recognisably Cyrillic bytes', () => {
    const bytes = withDeclaration(read(join(REAL, 'koi.kinder.ru.koi8-r.xml')), '<?xml version="1.0" encoding="koi8-klingon"?>');
    expect(decodeOk(bytes, null)).toMatchObject({ encoding: 'koi8-r', encodingSource: 'detected' });
  });
});

describe('charsetFromContentType', () => {
  it.each([
    ['text/xml; charset=windows-1251', 'windows-1251'],
    ["application/atom+xml;charset='us-ascii'", 'us-ascii'],
    ['application/rss+xml;charset= "us-ascii"', 'us-ascii'],
    ['application/xml;charset = KOI8-R', 'KOI8-R'],
    ['text/xml; format=flowed; CHARSET="cp866"', 'cp866'],
    ['text/xml; charset:iso-8859-1', null],
    ['text/xml;', null],
    ['text/xml; charset=', null],
    ['text/xml', null],
    [null, null],
  ])('%s → %s', (contentType, expected) => {
    expect(charsetFromContentType(contentType)).toBe(expected);
  });
});

describe('canonicalEncoding', () => {
  it.each([
    ['CP1251', 'windows-1251'],
    ['win-1251', 'windows-1251'],
    ['KOI8-R', 'koi8-r'],
    ['cp866', 'ibm866'],
    ['ISO_8859-5', 'iso-8859-5'],
    ['UTF8', 'utf-8'],
    ['gb2312', 'gb18030'],
    ['"us-ascii"', 'us-ascii'],
    ['utf_16', 'utf-16'],
    ['iso-8859-13', 'iso-8859-13'],
    ['bogus', null],
    ['', null],
  ])('%s → %s', (label, expected) => {
    expect(canonicalEncoding(label)).toBe(expected);
  });

  it.each(Object.keys(charsets.aliases))('%s is decodable by iconv-lite', (canonical) => {
    expect(iconv.encodingExists(iconvName(canonical))).toBe(true);
  });
});

describe('C1 controls read as windows-1252 (repairs.json, c1)', () => {
  const latin1 = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
  it.each([
    ['ISO-8859-1 declared, Windows punctuation bytes', latin1('<?xml version="1.0" encoding="iso-8859-1"?><t>', [0x93, 0x61, 0x94, 0x20, 0x92, 0x20, 0x85], '</t>'), null, '<t>“a” ’ …</t>', 4],
    ['Latin-1 by HTTP charset', latin1('<t>', [0x96, 0x80], '</t>'), 'text/xml; charset=latin1', '<t>–€</t>', 2],
    ['UTF-8 that carries U+0092 (converted from Latin-1 without the code page)', Buffer.from('<t>don\u0092t</t>', 'utf8'), 'application/xml; charset=utf-8', '<t>don’t</t>', 1],
    ['undefined positions kept: 0x81 0x8D 0x8F 0x90 0x9D', latin1('<t>', [0x81, 0x8d, 0x8f, 0x90, 0x9d], '</t>'), 'text/xml; charset=iso-8859-1', '<t>\u0081\u008d\u008f\u0090\u009d</t>', 0],
    ['plain Latin-1 letters untouched', latin1('<t>Caf', [0xe9], '</t>'), 'text/xml; charset=iso-8859-1', '<t>Café</t>', 0],
  ])('%s', (_name, bytes, contentType, text, count) => {
    const decoded = decodeOk(bytes, contentType);
    expect(decoded.text.endsWith(text)).toBe(true);
    expect(decoded.repaired?.count ?? 0).toBe(count);
    if (count > 0) expect(decoded.repaired?.kind).toBe('windows-1252-c1');
  });

  it('leaves KOI8-R text to its own repair', () => {
    // 0x93 0x94 in KOI8-R are ⌠ ■, letters of the page, not C1 controls.
    expect(repairC1Controls('⌠■').repaired).toBeNull();
  });
});

describe('C1 controls in Cyrillic pages', () => {
  it('leaves ISO-8859-5 text as it decodes (its C1 bytes are no windows-1252 punctuation there)', () => {
    const decoded = decodeOk(Buffer.from([0x3c, 0x74, 0x3e, 0xbf, 0xe0, 0xd8, 0x92, 0x3c, 0x2f, 0x74, 0x3e]), 'text/xml; charset=iso-8859-5');
    expect(decoded.repaired).toBeUndefined();
    expect(decoded.text).toBe('<t>При\u0092</t>');
  });
});
