import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

// The local studio serves the `sanity build` output. A fresh clone has none,
// and a changed schema needs a new one: the build runs when the output is
// missing or older than any file of the studio workspace.

export const STUDIO_OUT_DIR = '.studio-dist';

async function newestChange(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestChange(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

/** True when `.studio-dist/index.html` is missing or older than the studio's sources. */
export async function studioBuildIsStale(root: string): Promise<boolean> {
  const built = await stat(path.join(root, STUDIO_OUT_DIR, 'index.html')).catch(() => null);
  if (built === null) return true;
  return (await newestChange(path.join(root, 'sanity'))) > built.mtimeMs;
}

/** `npm run build --workspace=medclusters-studio`, its output passed through. */
export function buildStudio(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--workspace=medclusters-studio'], { cwd: root, stdio: 'inherit', env: { ...process.env, DO_NOT_TRACK: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the studio build failed (exit ${code})`))));
  });
}
