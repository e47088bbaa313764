import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import pkg from '../package.json' with { type: 'json' };

// The machines ship Node 20; Astro 7, Sanity 6 and Vitest 5 need >= 22.12. The `node`
// devDependency puts Node 24 first on PATH for npm scripts, npx and vitest.
const pinnedMajor = Number(/\d+/.exec(pkg.devDependencies.node)![0]);

describe('Node runtime', () => {
  it('vitest runs under the pinned Node major', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(pinnedMajor);
  });

  it('`node` on the PATH of npm scripts is the pinned major too', () => {
    const version = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
    expect(version).toMatch(new RegExp(`^v${pinnedMajor}\\.`));
  });
});
