import type { z } from 'zod';

/**
 * One line per problem, each naming the failing path (`sources[2].feedUrl`), so a
 * person fixing a JSON file by hand knows where to look.
 */
export function describeZodError(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`),
        root,
      );
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
