// npm run ingest -- [--sources FILE] [--data DIR] [--only SOURCE_ID] [--dry-run]
import path from 'node:path';
import { ingestCommand } from '../src/cli/ingestCommand.ts';

process.exitCode = await ingestCommand(process.argv.slice(2), path.resolve(import.meta.dirname, '..'), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
});
