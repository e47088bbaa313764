import { useEffect, useState } from 'react';
import { Badge, Box, Button, Card, Flex, Stack, Text } from '@sanity/ui';
import { set, useClient, useFormValue, type ArrayOfObjectsInputProps } from 'sanity';
import { tagLabelsQuery } from '../queries.ts';
import { applySuggestionAction, suggestionSummary, suggestionViews, type SuggestionState, type TagLabel } from './suggestedTags.ts';

const TONES: Record<SuggestionState, 'caution' | 'positive' | 'default'> = { pending: 'caution', confirmed: 'positive', 'not-confirmed': 'default' };

/** Task and region titles by document id, loaded once per input. */
function useTagLabels(): ReadonlyMap<string, TagLabel> {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [labels, setLabels] = useState<ReadonlyMap<string, TagLabel>>(new Map());
  useEffect(() => {
    let live = true;
    client
      .fetch<{ _id: string; title?: TagLabel | null }[]>(tagLabelsQuery)
      .then((rows) => {
        if (live) setLabels(new Map(rows.map((row) => [row._id, row.title ?? {}])));
      })
      .catch(() => undefined); // the ids stay as labels
    return () => {
      live = false;
    };
  }, [client]);
  return labels;
}

/**
 * The confirmed-tags field with the pipeline's suggestions above it: each
 * suggestion by its title, with its confidence and evidence (matched term,
 * field, weight), its honest state (pending: Approve will confirm it;
 * confirmed; not confirmed) and one button (Remove or Accept). The default
 * array input stays below for tags the tagger did not suggest.
 */
export function SuggestedTagsInput(props: ArrayOfObjectsInputProps) {
  const options = props.schemaType.options as { suggestionsField?: string } | undefined;
  const suggestions = useFormValue([options?.suggestionsField ?? 'suggestedTasks']) as Parameters<typeof suggestionViews>[0];
  const labels = useTagLabels();
  const views = suggestionViews(suggestions, props.value, labels);
  return (
    <Stack gap={3}>
      <Text size={1} muted>
        {suggestionSummary(suggestions, props.value)}
      </Text>
      {views.map((view) => (
        <Card key={view.id} padding={2} radius={2} border tone={TONES[view.state]}>
          <Flex align="center" gap={2}>
            <Box flex={1}>
              <Stack gap={2}>
                <Text size={1} weight="semibold">
                  {view.label}
                  {view.confidence !== null ? ` · ${view.confidence.toFixed(2)}` : ''}
                </Text>
                <Text size={0} muted>
                  {view.note}
                </Text>
                <Flex gap={1} wrap="wrap">
                  {view.evidence.length === 0 ? (
                    <Text size={0} muted>
                      no evidence recorded
                    </Text>
                  ) : (
                    view.evidence.map((evidence) => (
                      <Badge key={`${evidence.field}:${evidence.term}`} fontSize={0}>
                        {evidence.term} ({evidence.field}
                        {evidence.weight !== null ? ` ${evidence.weight}` : ''})
                      </Badge>
                    ))
                  )}
                </Flex>
              </Stack>
            </Box>
            <Button
              mode={view.action.kind === 'remove' ? 'ghost' : 'default'}
              tone={view.action.kind === 'remove' ? 'critical' : 'positive'}
              text={view.action.text}
              disabled={props.readOnly}
              onClick={() => props.onChange(set(applySuggestionAction(suggestions, props.value, view.id, view.action.kind)))}
            />
          </Flex>
        </Card>
      ))}
      {props.renderDefault(props)}
    </Stack>
  );
}
