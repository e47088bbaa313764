import { Badge, Box, Button, Card, Flex, Stack, Text } from '@sanity/ui';
import { set, useFormValue, type ArrayOfObjectsInputProps } from 'sanity';
import { suggestionViews, toggleConfirmed, type ConfirmedRef } from './suggestedTags.ts';

/**
 * The confirmed-tags field with the pipeline's suggestions above it: each
 * suggestion shows its confidence and evidence (matched term, field, weight)
 * and is accepted or removed with one click. The default array input stays
 * below for tags the tagger did not suggest.
 */
export function SuggestedTagsInput(props: ArrayOfObjectsInputProps) {
  const options = props.schemaType.options as { suggestionsField?: string } | undefined;
  const suggestions = useFormValue([options?.suggestionsField ?? 'suggestedTasks']) as Parameters<typeof suggestionViews>[0];
  const confirmed = (props.value ?? []) as ConfirmedRef[];
  const views = suggestionViews(suggestions, confirmed);
  return (
    <Stack gap={3}>
      {views.length === 0 ? (
        <Text size={1} muted>
          No suggestions from the tagger.
        </Text>
      ) : (
        views.map((view) => (
          <Card key={view.id} padding={2} radius={2} border tone={view.accepted ? 'positive' : 'default'}>
            <Flex align="center" gap={2}>
              <Box flex={1}>
                <Stack gap={2}>
                  <Text size={1} weight="semibold">
                    {view.id.replace(/^(task|region)-/, '')}
                    {view.confidence !== null ? ` · ${view.confidence.toFixed(2)}` : ''}
                  </Text>
                  <Flex gap={1} wrap="wrap">
                    {view.evidence.map((evidence) => (
                      <Badge key={`${evidence.field}:${evidence.term}`} fontSize={0}>
                        {evidence.term} ({evidence.field}
                        {evidence.weight !== null ? ` ${evidence.weight}` : ''})
                      </Badge>
                    ))}
                  </Flex>
                </Stack>
              </Box>
              <Button
                mode={view.accepted ? 'ghost' : 'default'}
                tone={view.accepted ? 'critical' : 'positive'}
                text={view.accepted ? 'Remove' : 'Accept'}
                disabled={props.readOnly}
                onClick={() => props.onChange(set(toggleConfirmed(confirmed, view.id, !view.accepted)))}
              />
            </Flex>
          </Card>
        ))
      )}
      {props.renderDefault(props)}
    </Stack>
  );
}
