import type { z } from 'zod';

// Schema problems as a person fixing a JSON file by hand reads them: the
// failing path (`sources[2].feedUrl`), then what it must be, as a sentence
// ("is required", "must be a number, not a string"), not zod's own wording.

const article = (noun: string): string => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);
const quoted = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(', ');
const FORMATS: Record<string, string> = { url: 'an absolute URL', email: 'an email address', datetime: 'an ISO date and time', date: 'an ISO date', uuid: 'a UUID', regex: 'in the expected form' };

type Issue = z.core.$ZodIssue;

/** What one issue says, as the end of a sentence that starts with its path. */
export function issueSentence(issue: Issue): string {
  // A message the schema gives itself is already a sentence in this form (zod's own start with a capital).
  if (/^[a-z]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === 'undefined') return 'is required';
      return `must be ${article(issue.expected)}${received ? `, not ${article(received)}` : ''}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quoted(issue.values)}` : `must be one of ${quoted(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'regex' || issue.format === 'starts_with' || issue.format === 'ends_with' || issue.format === 'includes'
        ? `is not in the expected form${issue.message && !/^Invalid/.test(issue.message) ? ` (${issue.message})` : ''}`
        : `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${quoted(issue.keys)}`;
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return minimum <= 1 ? 'must not be empty' : `must have at least ${minimum} entries`;
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${maximum} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${maximum} entries`;
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
    }
    default:
      // Our own refinements already say what is wrong ("must be kebab-case: …").
      return issue.message;
  }
}

/**
 * One sentence per problem, each naming the failing path under `root`
 * (`args.port`, `document.title`; with an empty root just `sources[2].feedUrl`,
 * and `(top level)` for the whole value).
 */
export function describeZodError(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`),
        root,
      );
      return `${path || '(top level)'}: ${issueSentence(issue)}`;
    })
    .join('; ');
}
