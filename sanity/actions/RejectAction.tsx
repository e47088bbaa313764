import { useState } from 'react';
import { Button, Stack, Text, TextArea } from '@sanity/ui';
import type { DocumentActionComponent } from 'sanity';
import { rejectPatch } from './patches.ts';
import { useEditorialActionContext } from './useEditorialActionContext.ts';

// Before the dialog opens there is no reason yet; the action itself is judged
// with a stand-in reason, so an invalid item cannot even start a rejection.
const PENDING_REASON = 'pending';

/** Reject: asks for the reason in a dialog, then publishes the decision; refused while the item is invalid. */
export const RejectAction: DocumentActionComponent = (props) => {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { document, decide, runWhenReady } = useEditorialActionContext(props);
  if (document === null) return null;
  const opening = decide(rejectPatch(PENDING_REASON));
  const confirm = decide(rejectPatch(reason));
  return {
    label: 'Reject',
    tone: 'critical',
    disabled: !opening.enabled,
    title: opening.enabled ? 'Reject this item, with a reason' : opening.reason,
    onHandle: () => setOpen(true),
    dialog: open && {
      type: 'dialog',
      header: 'Reject this item',
      onClose: () => setOpen(false),
      content: (
        <Stack gap={3}>
          <Text size={1}>Why is it rejected? (not health news, duplicate, advertising, …)</Text>
          <TextArea value={reason} rows={3} onChange={(event) => setReason(event.currentTarget.value)} />
          {!confirm.enabled && reason.trim() !== '' && (
            <Text size={1} muted>
              {confirm.reason}
            </Text>
          )}
          <Button
            text="Reject"
            tone="critical"
            disabled={!confirm.enabled && !confirm.pending}
            onClick={() => {
              const result = runWhenReady(() => rejectPatch(reason));
              if (result === 'refused') return;
              setOpen(false);
              // The rejection completes itself once published (useEditorialActionContext).
            }}
          />
        </Stack>
      ),
    },
  };
};
RejectAction.displayName = 'RejectAction';
