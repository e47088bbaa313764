import { useState } from 'react';
import { Box, Stack, Text } from '@sanity/ui';
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret';
import { useClient, useCurrentUser, type DocumentActionComponent } from 'sanity';
import { previewLinks, type PreviewLink } from './previewLinks.ts';

// SANITY_STUDIO_* variables are the ones `sanity build` puts in the bundle: a
// site address is not a secret.
const SITE_URL = process.env.SANITY_STUDIO_SITE_URL;
const SECRET_SOURCE = 'medclusters-studio';

type State = { status: 'idle' } | { status: 'creating' } | { status: 'ready'; links: PreviewLink[]; expiresAt: Date } | { status: 'failed'; message: string };

/**
 * "Preview on the site": creates a short-lived preview secret in the dataset
 * (as the editor, with the studio's session) and offers the item's draft on
 * the site in each language. The site verifies the secret against Sanity.
 */
export const PreviewOnSiteAction: DocumentActionComponent = (props) => {
  const client = useClient({ apiVersion: '2025-02-19' });
  const user = useCurrentUser();
  const [state, setState] = useState<State>({ status: 'idle' });
  const configured = previewLinks(SITE_URL, props.id, 'x') !== null;
  const create = async () => {
    setState({ status: 'creating' });
    try {
      const { secret, expiresAt } = await createPreviewSecret(client, SECRET_SOURCE, window.location.href, user?.id);
      const links = previewLinks(SITE_URL, props.id, secret);
      setState(links ? { status: 'ready', links, expiresAt } : { status: 'failed', message: 'SANITY_STUDIO_SITE_URL is not an http(s) URL.' });
    } catch (error) {
      setState({ status: 'failed', message: `Could not create a preview link: ${(error as Error).message}` });
    }
  };
  return {
    label: 'Preview on the site',
    disabled: !configured || state.status === 'creating',
    title: configured ? 'Open this draft with the site’s own item page' : 'Set SANITY_STUDIO_SITE_URL when building the studio to preview on the site.',
    onHandle: () => void create(),
    dialog: state.status !== 'idle' && {
      type: 'dialog',
      header: 'Preview on the site',
      onClose: () => setState({ status: 'idle' }),
      content: (
        <Stack gap={3}>
          {state.status === 'creating' && <Text size={1}>Creating a preview link…</Text>}
          {state.status === 'failed' && <Text size={1}>{state.message}</Text>}
          {state.status === 'ready' && (
            <>
              {state.links.map((link) => (
                <Box key={link.language}>
                  <Text size={2}>
                    <a href={link.href} target="_blank" rel="noreferrer noopener">
                      {link.language === 'ru' ? 'Русская страница' : 'English page'}
                    </a>
                  </Text>
                </Box>
              ))}
              <Text size={1} muted>
                The links work until {state.expiresAt.toLocaleTimeString()}; do not share them.
              </Text>
            </>
          )}
        </Stack>
      ),
    },
  };
};
PreviewOnSiteAction.displayName = 'PreviewOnSiteAction';
