import { validatePreviewUrl } from '@sanity/preview-url-secret';
import { createSanityClientFor, sanityContentConfigFromEnv } from '../content/sanity.ts';

type Env = Record<string, string | undefined>;

/**
 * The check of a studio-made preview secret: @sanity/preview-url-secret looks
 * the secret up in the dataset (a `sanity.previewUrlSecret` document under
 * `drafts.`, readable only with a token, younger than an hour) with the site's
 * read token. Null without Sanity or without a token.
 */
export function studioSecretValidatorFromEnv(env: Env = process.env): ((url: string) => Promise<boolean>) | null {
  const config = sanityContentConfigFromEnv(env);
  if (!config?.token) return null;
  const client = createSanityClientFor(config);
  return async (url) => (await validatePreviewUrl(client, url)).isValid;
}
