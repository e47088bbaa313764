// By hand, over the public corpora in ../shared (not part of npm test):
//   npx node scripts/corpus-check.ts [DIR]   (default ../shared/corpora/feedparser)
// Runs `inspect` on every file and counts parsed / each error code / crashes, and
// checks that nothing unsafe survives in contentHtml of the sanitize files and of
// the XSS payloads placed into a feed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { inspectInput } from '../src/cli/inspectCommand.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.resolve(process.argv[2] ?? path.join(root, '../shared/corpora/feedparser'));
const xssFile = path.join(root, '../shared/corpora/xss/vectors.json');
const stages = createDefaultStages({ politeness: false });

const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'button', 'meta', 'base', 'link', 'style', 'svg', 'math']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'dynsrc', 'lowsrc', 'srcset', 'data']);

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[] };

/** Problems in sanitized HTML, checked on the re-parsed tree as a browser would see it. */
export function unsafeConstructs(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node) => {
    if (node.name) {
      const name = node.name.toLowerCase();
      if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${name}>`);
      for (const [attribute, value] of Object.entries(node.attribs ?? {})) {
        const lower = attribute.toLowerCase();
        if (lower.startsWith('on')) problems.push(`${lower}=`);
        if (lower === 'style' && /expression|behavior|binding|javascript/i.test(value)) problems.push('style');
        // eslint-disable-next-line no-control-regex
        const compact = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (URL_ATTRIBUTES.has(lower) && /^(javascript|vbscript|livescript|data):/.test(compact)) problems.push(`${lower}=${compact.slice(0, 20)}`);
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(parseDocument(html) as unknown as Node);
  return problems;
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(path.join(folder, entry.name)) : [path.join(folder, entry.name)])));
  return files.flat().filter((file) => /\.(xml|json)$/.test(file) && !file.endsWith('manifest.jsonl'));
}

const files = await walk(dir);
const counts = new Map<string, number>();
let parsed = 0;
let unsafe = 0;
const started = performance.now();
for (const file of files) {
  const line = await inspectInput(file, stages);
  if (line.ok) parsed++;
  else counts.set(line.error!.code, (counts.get(line.error!.code) ?? 0) + 1);
  for (const item of line.items) {
    const problems = unsafeConstructs(item.contentHtml);
    if (problems.length > 0) {
      unsafe++;
      console.log(`UNSAFE ${path.relative(dir, file)}: ${problems.join(', ')}`);
    }
  }
}
console.log(`${files.length} files in ${path.relative(root, dir)} (${((performance.now() - started) / 1000).toFixed(1)} s): ${parsed} parsed, ${files.length - parsed} clear errors, 0 crashes (every file got a line)`);
for (const [code, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${code}: ${count}`);
console.log(`items with unsafe contentHtml: ${unsafe}`);

// The XSS payloads, each in an item's description and content:encoded.
try {
  const vectors = JSON.parse(await readFile(xssFile, 'utf8')) as { id: string; payload: string }[];
  let bad = 0;
  for (const vector of vectors) {
    const cdata = vector.payload.replace(/]]>/g, ']]]]><![CDATA[>');
    const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>x</title><link>https://x.example/</link><item><title>t</title><link>https://x.example/1</link><description><![CDATA[${cdata}]]></description><content:encoded><![CDATA[${cdata}]]></content:encoded></item></channel></rss>`;
    const feed = await stages.parseFeed(xml);
    if (!feed.ok) continue;
    for (const item of stages.normalizeFeed(feed.value, { sourceId: 'xss', feedUrl: 'https://x.example/feed', now: new Date().toISOString() }).items) {
      const problems = unsafeConstructs(item.contentHtml);
      if (problems.length > 0) {
        bad++;
        console.log(`UNSAFE xss ${vector.id}: ${problems.join(', ')}`);
      }
    }
  }
  console.log(`xss vectors: ${vectors.length}, unsafe after sanitizing: ${bad}`);
} catch (error) {
  console.log(`xss vectors skipped: ${(error as Error).message}`);
}
