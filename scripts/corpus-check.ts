// By hand, over the public corpora in ../shared (not part of npm test):
//   npx node scripts/corpus-check.ts [DIR]   (default ../shared/corpora/feedparser)
// Runs `inspect` on every file and counts parsed / each error code / crashes
// (an exception escaping inspect, an input without a well-formed line, or an
// error code that stands for a bug), and checks with the project's
// forbidden-HTML checker that nothing unsafe survives in any item's
// contentHtml, and in contentHtml, summary, title and imageAlt of the XSS
// payloads placed into an RSS feed and a JSON Feed (a payload whose feed fails to parse is counted, not
// skipped). Scores the manifest's field expectations (src/cli/corpusExpectations.ts)
// and lists each miss; the files the corpus means to be served over HTTP are
// served on 127.0.0.1 with their headers (Content-Type, Content-Location,
// Content-Language). Exits 1 when anything crashed, failed or is unsafe.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkHolds, CORPUS_ORIGIN, type ManifestLine } from '../src/pipeline/discover/feedparserExpectations.ts';
import { inspectInput, type InspectLine } from '../src/cli/inspectCommand.ts';
import { findForbiddenHtml } from '../src/pipeline/normalize/forbiddenHtml.ts';
import { xssFeed, xssJsonFeed } from '../src/pipeline/normalize/testItems.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.resolve(process.argv[2] ?? path.join(root, '../shared/corpora/feedparser'));
const found = await stat(dir).catch(() => null);
if (found === null || !found.isDirectory()) {
  process.stderr.write(
    `corpus-check: ${dir} ${found === null ? 'does not exist' : 'is not a folder'}: name a folder of feed files (default ../shared/corpora/feedparser, beside the project)\n`,
  );
  process.exit(2);
}
const xssFile = path.join(root, '../shared/corpora/xss/vectors.json');
const stages = createDefaultStages({ politeness: false });

/** Error codes that mean a bug was caught, not a bad feed. */
const BUG_CODES = new Set(['internal_error', 'parse_internal_error', 'normalize_bug']);

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(path.join(folder, entry.name)) : [path.join(folder, entry.name)])));
  return files.flat().filter((file) => /\.(xml|json)$/.test(file) && !file.endsWith('manifest.jsonl'));
}

/** Why a line is not one `inspect` promises for this input, or null when it is. */
function lineProblem(line: InspectLine | undefined, input: string): string | null {
  if (line === undefined || line === null || typeof line !== 'object') return 'no line';
  if (line.input !== input) return `line for another input (${String(line.input)})`;
  if (line.ok) return Array.isArray(line.items) ? null : 'ok without items';
  if (!line.error || typeof line.error.code !== 'string' || typeof line.error.message !== 'string') return 'failed without {code, message}';
  if (BUG_CODES.has(line.error.code)) return `${line.error.code}: ${line.error.message}`;
  return null;
}

const rel = (file: string) => path.relative(dir, file);
const files = await walk(dir);
const manifest = new Map<string, ManifestLine>();
try {
  for (const text of (await readFile(path.join(dir, 'manifest.jsonl'), 'utf8')).split('\n')) {
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as ManifestLine;
    manifest.set(line.file, line);
  }
} catch {
  // A folder without a manifest is checked for robustness only.
}

// The HTTP files at the paths their `http_url` names, with their headers.
const server = createServer((request, response) => {
  const file = decodeURIComponent((request.url ?? '/').replace(/^\/tests\//, '').replace(/\?.*$/, ''));
  const line = manifest.get(file);
  if (!line?.http) {
    response.writeHead(404).end();
    return;
  }
  readFile(path.join(dir, file)).then(
    (body) => {
      const headers: Record<string, string> = { 'content-type': 'text/xml' };
      for (const [name, value] of Object.entries(line.http_headers ?? {})) headers[name.toLowerCase()] = value.split(CORPUS_ORIGIN).join(origin);
      response.writeHead(200, headers).end(body);
    },
    () => response.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
let checks = 0;
let met = 0;
const byGroup = new Map<string, { checks: number; met: number }>();
let mustParse = 0;
let parsedOfThose = 0;
const misses: string[] = [];
const counts = new Map<string, number>();
let parsed = 0;
let crashes = 0;
let unsafe = 0;
const started = performance.now();
for (const file of files) {
  let line: InspectLine | undefined;
  let problem: string | null;
  try {
    const expectation = manifest.get(rel(file));
    const input = expectation?.http ? `${origin}/tests/${rel(file)}` : file;
    line = await inspectInput(input, stages);
    problem = lineProblem(line, input);
    for (const check of expectation?.checks ?? []) {
      if (check.path === 'bozo') {
        if (check.equals === false) mustParse++;
        if (check.equals === false && line.ok) parsedOfThose++;
        if (check.equals === false && !line.ok) misses.push(`MISS ${rel(file)} bozo: expected to parse (${line.error?.code})`);
        continue;
      }
      checks++;
      const group = byGroup.get(expectation!.group) ?? { checks: 0, met: 0 };
      byGroup.set(expectation!.group, group);
      group.checks++;
      if (checkHolds(check, line, origin)) {
        met++;
        group.met++;
      } else misses.push(`MISS ${rel(file)} ${check.path}: expected ${JSON.stringify(check.equals)}${line.ok ? '' : ` (${line.error?.code})`}`);
    }
  } catch (error) {
    problem = `exception: ${(error as Error).stack ?? String(error)}`;
  }
  if (problem !== null || line === undefined) {
    crashes++;
    console.log(`CRASH ${rel(file)}: ${problem}`);
    continue;
  }
  if (line.ok) parsed++;
  else counts.set(line.error!.code, (counts.get(line.error!.code) ?? 0) + 1);
  for (const item of line.items) {
    const problems = findForbiddenHtml(item.contentHtml);
    if (problems.length > 0) {
      unsafe++;
      console.log(`UNSAFE ${rel(file)}: ${problems.join(', ')}`);
    }
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${files.length} files in ${path.relative(root, dir)} (${seconds} s): ${parsed} parsed, ${files.length - parsed - crashes} clear errors, ${crashes} crashes`);
for (const [code, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${code}: ${count}`);
console.log(`items with unsafe contentHtml: ${unsafe}`);
server.close();
if (checks > 0) {
  for (const miss of misses) console.log(miss);
  console.log(`files expected to parse ("bozo: false"): ${parsedOfThose} of ${mustParse} parsed`);
  console.log(`field expectations met: ${met} of ${checks} (${(met / checks).toFixed(3)})`);
  for (const [group, counts] of [...byGroup].sort()) console.log(`  ${group}: ${counts.met} of ${counts.checks}`);
}

// The XSS payloads, each as a feed carries HTML (title, description, content:encoded).
let xssFailures = 0;
let vectors: { id: string; payload: string }[] = [];
try {
  vectors = JSON.parse(await readFile(xssFile, 'utf8')) as { id: string; payload: string }[];
} catch (error) {
  xssFailures++;
  console.log(`XSS vectors unreadable: ${(error as Error).message}`);
}
let notParsed = 0;
let xssUnsafe = 0;
for (const vector of vectors) {
  for (const [format, document] of [['RSS', xssFeed(vector.payload)], ['JSON Feed', xssJsonFeed(vector.payload)]] as const) {
    const feed = await stages.parseFeed(document);
    if (!feed.ok) {
      notParsed++;
      console.log(`NOT PARSED xss ${vector.id} (${format}): ${feed.error.code}: ${feed.error.message}`);
      continue;
    }
    const { items } = stages.normalizeFeed(feed.value, { sourceId: 'xss', feedUrl: 'https://example.org/feed', now: new Date().toISOString() });
    for (const item of items) {
      const problems = [item.contentHtml, item.summary, item.title, item.imageAlt ?? ''].flatMap((html) => findForbiddenHtml(html));
      if (problems.length > 0) {
        xssUnsafe++;
        console.log(`UNSAFE xss ${vector.id} (${format}): ${problems.join(', ')}`);
      }
    }
  }
}
if (vectors.length > 0) console.log(`xss vectors: ${vectors.length}, each in an RSS feed and a JSON Feed; not parsed: ${notParsed}, items unsafe after sanitizing: ${xssUnsafe}`);
process.exitCode = crashes + unsafe + notParsed + xssUnsafe + xssFailures > 0 ? 1 : 0;
