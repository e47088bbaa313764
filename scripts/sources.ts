// npm run sources -- import FILE.opml | export   (see src/cli/sourcesCommand.ts)
import path from 'node:path';
import { sourcesCommand } from '../src/cli/sourcesCommand.ts';

process.exitCode = await sourcesCommand(process.argv.slice(2), path.resolve(import.meta.dirname, '..'), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
