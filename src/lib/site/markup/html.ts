import { escape } from 'html-escaper';

// Markup written as strings, for the parts of pages that repeat thousands of
// times in a build (an item card appears on every listing that shows the item;
// there is an item page per item and language). An Astro component costs far
// more per instance than a string: at 10,000 items these parts were most of
// the build's rendering time. Pages still come from Astro and put these
// strings in with `set:html`.
//
// Escaping follows Astro's own, so a part reads the same whichever renders it:
// text and every interpolated value escape & < > ' " (html-escaper, as Astro);
// only `SafeHtml` (the result of `html` or `attr`) goes in as it is.

/** Markup that is already escaped. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What a template accepts: text (escaped), numbers, markup, lists of these; null, undefined and false render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'string') return escape(value);
  if (typeof value === 'number') return String(value);
  let out = '';
  for (const entry of value) out += render(entry);
  return out;
}

/** A template whose interpolations are escaped unless they are markup. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let index = 0; index < values.length; index++) out += render(values[index]!) + strings[index + 1]!;
  return new SafeHtml(out);
}

/**
 * ` name="value"`, or nothing when the value is null or undefined: Astro's
 * attribute rule (an empty string gives the bare name; & and " escaped).
 */
export function attr(name: string, value: string | number | null | undefined): SafeHtml {
  if (value === null || value === undefined) return new SafeHtml('');
  const text = String(value);
  if (text === '') return new SafeHtml(` ${name}`);
  return new SafeHtml(` ${name}="${text.includes('&') || text.includes('"') ? text.replace(/&/g, '&amp;').replace(/"/g, '&quot;') : text}"`);
}
