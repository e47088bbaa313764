// npm run translate -- [--data DIR] [--only ITEM_ID]... [--dry-run] [--json]
import path from 'node:path';
import { translateCommand } from '../src/cli/translateCommand.ts';

process.exitCode = await translateCommand(process.argv.slice(2), path.resolve(import.meta.dirname, '..'), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
