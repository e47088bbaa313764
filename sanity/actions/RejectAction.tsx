import { useState } from 'react';
import { Button, Stack, Text, TextArea } from '@sanity/ui';
import { useDocumentOperation, type DocumentActionComponent } from 'sanity';
import { rejectPatch } from './patches.ts';

/** Reject: asks for the reason in a dialog, then publishes the decision. */
export const RejectAction: DocumentActionComponent = (props) => {
  const { patch, publish } = useDocumentOperation(props.id, props.type);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const outcome = rejectPatch(reason);
  return {
    label: 'Reject',
    tone: 'critical',
    disabled: Boolean(patch.disabled),
    onHandle: () => setOpen(true),
    dialog: open && {
      type: 'dialog',
      header: 'Reject this item',
      onClose: () => setOpen(false),
      content: (
        <Stack gap={3}>
          <Text size={1}>Why is it rejected? (not health news, duplicate, advertising, …)</Text>
          <TextArea value={reason} rows={3} onChange={(event) => setReason(event.currentTarget.value)} />
          <Button
            text="Reject"
            tone="critical"
            disabled={!outcome.ok}
            onClick={() => {
              if (!outcome.ok) return;
              patch.execute(outcome.patches);
              publish.execute();
              setOpen(false);
              props.onComplete();
            }}
          />
        </Stack>
      ),
    },
  };
};
RejectAction.displayName = 'RejectAction';
