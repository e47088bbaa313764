import { useState } from 'react';
import { Stack, Text } from '@sanity/ui';
import { useClient, type DocumentActionComponent } from 'sanity';
import type { FeedCheck } from '../../src/studio/checkFeed.ts';
import { localApiFromPage } from '../localApi.ts';

type CheckState = { open: false } | { open: true; running: true } | { open: true; running: false; result: FeedCheck | null; error: string | null };

/** What the check found, in the words of `npm run inspect`: format, encoding, items, errors. */
function FeedCheckReport({ result }: { result: FeedCheck }) {
  return (
    <Stack gap={3}>
      <Text size={1} weight="semibold">
        {result.ok ? 'The feed reads cleanly.' : `The feed fails: ${result.error?.code ?? 'error'}`}
      </Text>
      {result.error && <Text size={1}>{result.error.message}</Text>}
      <Text size={1}>
        Format: {result.format ?? 'unknown'} · Encoding: {result.encoding ?? 'unknown'} · Items: {result.items}
        {result.droppedItems > 0 ? ` (${result.droppedItems} left out as the same item twice)` : ''}
      </Text>
      {result.feedTitle && <Text size={1}>Feed title: {result.feedTitle}</Text>}
      {result.firstItems.map((item) => (
        <Text key={`${item.publishedAt}:${item.title}`} size={1} muted>
          {item.publishedAt.slice(0, 10)} · {item.title}
        </Text>
      ))}
    </Stack>
  );
}

/**
 * Check feed: the local server fetches and parses the source's feed URL as
 * the ingest would and shows the result, so a source is enabled only once its
 * feed reads. It runs on `npm run studio`'s server; a hosted studio has none.
 */
export const CheckFeedAction: DocumentActionComponent = (props) => {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [state, setState] = useState<CheckState>({ open: false });
  const document = (props.draft ?? props.published) as { feedUrl?: unknown } | null;
  const feedUrl = typeof document?.feedUrl === 'string' ? document.feedUrl.trim() : '';
  const local = localApiFromPage() !== null;
  return {
    label: 'Check feed',
    disabled: !local || feedUrl === '',
    title: !local ? 'Runs on the local studio server (npm run studio)' : feedUrl === '' ? 'The source has no feed URL' : 'Fetch and read the feed now; nothing is stored',
    onHandle: () => {
      setState({ open: true, running: true });
      client
        .request<FeedCheck>({ url: '/medclusters/check-feed', method: 'POST', body: { url: feedUrl } })
        .then((result) => setState({ open: true, running: false, result, error: null }))
        .catch((error: Error) => setState({ open: true, running: false, result: null, error: error.message }));
    },
    dialog: state.open && {
      type: 'dialog',
      header: `Feed check: ${feedUrl}`,
      onClose: () => setState({ open: false }),
      content: state.running ? <Text size={1}>Fetching…</Text> : state.result ? <FeedCheckReport result={state.result} /> : <Text size={1}>{state.error}</Text>,
    },
  };
};
CheckFeedAction.displayName = 'CheckFeedAction';
