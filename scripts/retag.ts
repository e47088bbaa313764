// npm run retag -- [--data DIR] [--rules DIR] [--dry-run]
import path from 'node:path';
import { retagCommand } from '../src/cli/retagCommand.ts';

process.exitCode = await retagCommand(process.argv.slice(2), path.resolve(import.meta.dirname, '..'), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
