import { describeZodError } from '../lib/schemaErrors.ts';
import { LOCALE_TAGS, type Locale } from '../lib/site/locales.ts';
import en from './en.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import { dictionarySchema, type Dictionary } from './schema.ts';

export type { Dictionary };

/**
 * Checks a dictionary against the schema. Throws, naming every missing or
 * unknown key: a dictionary that does not match fails the build rather than
 * showing a blank or a key on a page.
 */
export function checkDictionary(value: unknown, name: string): Dictionary {
  const parsed = dictionarySchema.safeParse(value);
  if (!parsed.success) throw new Error(`i18n dictionary ${name} does not match src/i18n/schema.ts: ${describeZodError(parsed.error, name)}`);
  return parsed.data;
}

const DICTIONARIES: Record<Locale, Dictionary> = {
  ru: checkDictionary(ru, 'ru.json'),
  en: checkDictionary(en, 'en.json'),
};

export const dictionary = (lang: Locale): Dictionary => DICTIONARIES[lang];

// A template split once into text and placeholder names (even and odd places): a build fills the
// same few dozen templates hundreds of thousands of times.
const parsedTemplates = new Map<string, string[]>();

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a test can catch it. */
export function format(template: string, values: Record<string, string | number>): string {
  let parts = parsedTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    parsedTemplates.set(template, parts);
  }
  let out = parts[0]!;
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index]!;
    out += (name in values ? String(values[name]) : `{${name}}`) + parts[index + 1]!;
  }
  return out;
}

const PLURAL_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural categories of a language, in the order a dictionary lists its forms (ru: one|few|many|other; en: one|other). */
export function pluralForms(lang: Locale): string[] {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALE_TAGS[lang].intl);
    pluralRules.set(lang, rules);
  }
  const categories = rules.resolvedOptions().pluralCategories as string[];
  return PLURAL_ORDER.filter((category) => categories.includes(category));
}

/**
 * A count phrase that agrees with its number: the template holds one form per
 * plural category separated by `|` («1 новость», «3 новости», «5 новостей»),
 * or a single form used for every number. `{count}` is the number formatted
 * for the language.
 */
export function formatCount(lang: Locale, template: string, count: number): string {
  const forms = template.split('|');
  const number = formatNumber(lang, count);
  if (forms.length === 1) return format(template, { count: number });
  const categories = pluralForms(lang);
  if (forms.length !== categories.length) throw new Error(`"${template}": ${forms.length} forms, ${lang} needs ${categories.length} (${categories.join('|')})`);
  const rules = pluralRules.get(lang)!;
  return format(forms[categories.indexOf(rules.select(count))]!, { count: number });
}

/** The name of a language for "in {language}" phrases, in the page's language. */
export function languageName(t: Dictionary, code: string | null): string {
  if (code !== null && code in t.languages && code !== 'self' && code !== 'other') return t.languages[code as keyof Dictionary['languages']];
  return t.languages.other;
}

/** What a source's last error means for a reader, by its stable code; a code without an entry reads as the generic one. */
export function sourceErrorText(t: Dictionary, code: string): string {
  const texts = t.sourceErrors as Record<string, string>;
  return Object.hasOwn(texts, code) ? texts[code]! : t.sourceErrors.other;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
// An item's date is formatted on its page and on every listing that shows it; formatting costs
// some microseconds each time, a build does it hundreds of thousands of times. Cleared when full.
const formattedDates = new Map<string, string>();
const FORMATTED_MAX = 100_000;

/** Locale-aware date (and optionally time) in Moscow time, where the network's regions are. */
export function formatDate(lang: Locale, iso: string, withTime = false): string {
  const key = `${lang}:${withTime}`;
  const memoKey = `${key}:${iso}`;
  const known = formattedDates.get(memoKey);
  if (known !== undefined) return known;
  if (formattedDates.size >= FORMATTED_MAX) formattedDates.clear();
  let formatter = dateFormats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE_TAGS[lang].intl, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      timeZone: 'Europe/Moscow',
    });
    dateFormats.set(key, formatter);
  }
  const text = formatter.format(new Date(iso));
  formattedDates.set(memoKey, text);
  return text;
}

/** "November 2026" / "ноябрь 2026" (nominative standalone month for headings). */
const monthFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatMonth(lang: Locale, year: number, month: number): string {
  let formatter = monthFormats.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE_TAGS[lang].intl, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(lang, formatter);
  }
  const text = formatter.format(new Date(Date.UTC(year, month - 1, 15)));
  // ru gives "ноябрь 2026 г."; headings read better without the abbreviation and capitalised.
  const clean = text.replace(/\s*г\.$/, '');
  return clean.charAt(0).toUpperCase() + clean.slice(1);
}

// Formatters are made once per language: making one costs more than formatting with it, and a build formats on every page.
const numberFormats = new Map<Locale, Intl.NumberFormat>();

// Pages show few distinct numbers (confidences, counts) many times each.
const formattedNumbers = new Map<string, string>();

export function formatNumber(lang: Locale, value: number): string {
  const memoKey = `${lang}:${value}`;
  const known = formattedNumbers.get(memoKey);
  if (known !== undefined) return known;
  let formatter = numberFormats.get(lang);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALE_TAGS[lang].intl);
    numberFormats.set(lang, formatter);
  }
  const text = formatter.format(value);
  if (formattedNumbers.size >= FORMATTED_MAX) formattedNumbers.clear();
  formattedNumbers.set(memoKey, text);
  return text;
}

/** The name of a machine translation provider by its id (`deepl`, `libretranslate`); an unknown id reads as the generic one. */
export function providerName(t: Dictionary, provider: string): string {
  return provider === 'deepl' || provider === 'libretranslate' ? t.machine[provider] : t.machine.other;
}
