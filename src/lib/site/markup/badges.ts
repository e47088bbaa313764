import { dictionary, format, languageName, providerName } from '../../../i18n/index.ts';
import type { Locale } from '../locales.ts';
import { originalPageLanguage, type DisplayText, type SiteItem } from '../model.ts';
import { itemUrl } from '../urls.ts';
import { attr, html, type SafeHtml } from './html.ts';

/** "in Russian" next to a text shown in a language other than the page's; nothing otherwise. */
export function languageBadgeHtml(text: DisplayText, lang: Locale): SafeHtml {
  const t = dictionary(lang);
  return html`${text.untranslated && text.lang !== null && html`<span class="badge badge-lang">${format(t.badges.inLanguage, { language: languageName(t, text.lang) })}</span>`}`;
}

/** An item's badges (language, translated, machine translation with a link to the original, not reviewed, sample); nothing when none applies. */
export function badgesHtml(item: SiteItem, text: DisplayText, lang: Locale): SafeHtml {
  const t = dictionary(lang);
  const showLanguage = text.untranslated && text.lang !== null;
  const provider = text.machine === null ? null : providerName(t, text.machine);
  if (!(showLanguage || text.translated || provider !== null || !item.reviewed || item.sample)) return html``;
  // A machine translation links to the original: its page in the original's language when the site has one, else the source's page.
  const originalLang = originalPageLanguage(item, lang);
  const originalHref = originalLang ? itemUrl(originalLang, item.slug) : item.link;
  return html`<p class="badges" data-pagefind-ignore>${languageBadgeHtml(text, lang)}${[
    text.translated && html` <span class="badge badge-translated">${t.badges.translated}</span>`,
    provider !== null &&
      html` <span class="badge badge-machine"${attr('title', format(t.machine.badgeTitle, { provider }))}>${format(t.machine.badge, { provider })}${
        originalHref && html` · <a${attr('href', originalHref)}${attr('hreflang', item.language ?? undefined)}${attr('title', languageName(t, item.language))}>${t.machine.original}</a>`
      }</span>`,
    !item.reviewed && html` <span class="badge badge-review"${attr('title', t.badges.notReviewedTitle)}>${t.badges.notReviewed}</span>`,
    item.sample && html` <span class="badge badge-sample"${attr('title', t.badges.sampleTitle)}>${t.badges.sample}</span>`,
  ]}</p>`;
}
