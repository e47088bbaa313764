import { inspectInput, type InspectLine } from '../cli/inspectCommand.ts';
import type { PipelineStages } from '../pipeline/run.ts';

// "Check feed" in the studio: the project's feed inspection (`npm run
// inspect`), run by the local server on a source's feed URL, summed up for
// the editor before the source is enabled.

export type FeedCheck = Pick<InspectLine, 'input' | 'ok' | 'error' | 'encoding' | 'format' | 'droppedItems'> & {
  feedTitle: string | null;
  items: number;
  /** The first items as the pipeline read them: enough to see the feed is the one meant. */
  firstItems: { title: string; publishedAt: string }[];
};

const FIRST_ITEMS = 5;

/** Only http(s): the studio checks feeds on the web, never files of the machine it runs on. */
export async function checkFeed(url: unknown, stages: PipelineStages): Promise<FeedCheck> {
  const input = typeof url === 'string' ? url.trim() : '';
  if (!/^https?:\/\/\S+$/i.test(input)) {
    return { input, ok: false, error: { code: 'bad_url', message: `not an http(s) URL: "${input}"` }, encoding: null, format: null, droppedItems: 0, feedTitle: null, items: 0, firstItems: [] };
  }
  const line = await inspectInput(input, stages);
  return {
    input: line.input,
    ok: line.ok,
    error: line.error,
    encoding: line.encoding,
    format: line.format,
    droppedItems: line.droppedItems,
    feedTitle: line.feed?.title ?? null,
    items: line.items.length,
    firstItems: line.items.slice(0, FIRST_ITEMS).map((item) => ({ title: item.title, publishedAt: item.publishedAt })),
  };
}
