import { baseDocumentSchema, type DatasetDocument } from './documents.ts';
import { describeZodError } from '../../lib/schemaErrors.ts';
import { fail, ok, type Result } from '../model.ts';

/** Parses a dataset file: one document per line, as `sanity dataset export` writes it. */
export function parseDataset(text: string, origin: string): Result<Map<string, DatasetDocument>> {
  const documents = new Map<string, DatasetDocument>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      return fail('dataset_invalid', `${origin}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    // Exports carry drafts, versions and system documents (dotted ids) beside the
    // published ones; the local dataset is the published view.
    const rawId = (json as { _id?: unknown } | null)?._id;
    if (typeof rawId === 'string' && rawId.includes('.')) continue;
    const parsed = baseDocumentSchema.safeParse(json);
    if (!parsed.success) {
      return fail('dataset_invalid', `${origin}:${index + 1}: ${describeZodError(parsed.error, 'document')}`);
    }
    const document = parsed.data as DatasetDocument;
    documents.set(document._id, document);
  }
  return ok(documents);
}

/** One line per document, sorted by `_id`, so diffs of the bundled dataset stay readable. */
export function serializeDataset(documents: Iterable<DatasetDocument>): string {
  const sorted = [...documents].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  return sorted.map((document) => JSON.stringify(document)).join('\n') + (sorted.length > 0 ? '\n' : '');
}
