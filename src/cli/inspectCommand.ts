import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PipelineStages } from '../pipeline/run.ts';
import type { StageError } from '../pipeline/model.ts';

/** One line of `npm run inspect`: what the pipeline makes of one feed. */
export type InspectLine = {
  input: string;
  ok: boolean;
  error: StageError | null;
  encoding: string | null;
  format: string | null;
  feed: { title: string | null; link: string | null; description: string | null; language: string | null } | null;
  items: {
    title: string;
    link: string | null;
    guid: string;
    author: string | null;
    publishedAt: string;
    summary: string;
    contentHtml: string;
    image: string | null;
    enclosures: { url: string; type: string | null; length: number | null }[];
  }[];
};

const toAddress = (input: string): string =>
  /^(https?|file):/i.test(input) ? input : pathToFileURL(path.resolve(input)).href;

/** Never throws: a bad input, or a bug on one input, is that input's line. */
export async function inspectInput(input: string, stages: PipelineStages, now = new Date()): Promise<InspectLine> {
  const line: InspectLine = { input, ok: false, error: null, encoding: null, format: null, feed: null, items: [] };
  const failWith = (stage: string, error: StageError): InspectLine => ({ ...line, error: { code: error.code, message: `${stage}: ${error.message}` } });
  try {
    const fetched = await stages.fetchFeed({ url: toAddress(input) });
    if (!fetched.ok) return failWith('fetch', fetched.error);
    if (fetched.value.status !== 'ok') return failWith('fetch', { code: 'not_modified', message: `${input}: 304 without a conditional request` });
    const decoded = stages.decodeFeed(fetched.value.body, fetched.value.contentType);
    if (!decoded.ok) return failWith('decode', decoded.error);
    line.encoding = decoded.value.encoding;
    const parsed = await stages.parseFeed(decoded.value.text);
    if (!parsed.ok) return failWith('parse', parsed.error);
    const feed = parsed.value;
    line.format = feed.format;
    line.feed = { title: feed.title, link: feed.link, description: feed.description, language: feed.language };
    const items = stages.normalizeFeed(feed, { sourceId: 'inspect', feedUrl: fetched.value.finalUrl, now: now.toISOString() });
    line.items = items.map((item) => ({
      title: item.title,
      link: item.link,
      guid: item.guid,
      author: item.author,
      publishedAt: item.publishedAt,
      summary: item.summary,
      contentHtml: item.contentHtml,
      image: item.image,
      enclosures: item.enclosures,
    }));
    line.ok = true;
    return line;
  } catch (error) {
    return failWith('internal', { code: 'internal_error', message: `${input}: ${(error as Error).message}` });
  }
}
