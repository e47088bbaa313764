import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INLINE_SCRIPT_HASHES } from '../../src/service/server/handler.ts';
import { clientFiles, ensureSite, type BuiltSite } from './helpers/siteBuild.ts';

// The built pages against the Nu Html Checker (vnu.jar from the vnu-jar
// package; it needs Java, which .ci/run installs when missing): one page of
// each kind in both languages, and the root pages. It is the checker the
// W3C's own validator runs, so what it reports is what a reviewer sees.

const VNU = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** One file of each kind of page per language (the first in sorted order), and the language-neutral pages. */
const KINDS = [
  /^\/(ru|en)\/index\.html$/,
  /^\/(ru|en)\/news\/[^/]+\/index\.html$/,
  /^\/(ru|en)\/tasks\/[^/]+\/index\.html$/,
  /^\/(ru|en)\/tasks\/[^/]+\/[^/]+\/index\.html$/,
  /^\/(ru|en)\/regions\/[^/]+\/index\.html$/,
  /^\/(ru|en)\/stories\/[^/]+\/index\.html$/,
  /^\/(ru|en)\/archive\/[^/]+\/index\.html$/,
  /^\/(ru|en)\/(sources|about|methodology|monitoring|search|feeds|404)\/index\.html$/,
  /^\/(index|404)\.html$/,
];

function pick(files: string[]): string[] {
  const picked = new Set<string>();
  for (const kind of KINDS) {
    const seen = new Set<string>();
    for (const file of [...files].sort()) {
      const match = kind.exec(file);
      if (!match) continue;
      // One per language and kind; the fixed-name pages (sources, about, …) each count as their own kind.
      const key = `${match[1] ?? ''}:${match[2] ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      picked.add(file);
    }
  }
  return [...picked];
}

type VnuMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number };

let site: BuiltSite;
let files: string[];

beforeAll(async () => {
  site = await ensureSite();
  files = await clientFiles(site.client);
}, 240_000);

describe('valid output', () => {
  it.skipIf(!hasJava && !process.env.CI)('the Nu Html Checker finds no error on one page of each kind', async () => {
    const pages = pick(files);
    expect(pages.length).toBeGreaterThan(25);
    const output = await new Promise<string>((resolve) => {
      // Exit status 1 means "errors found": the JSON on stderr says which.
      execFile('java', ['-Xss4m', '-jar', VNU, '--format', 'json', '--errors-only', ...pages.map((page) => path.join(site.client, page))], { maxBuffer: 64 * 1024 * 1024 }, (_error, _stdout, stderr) => resolve(stderr));
    });
    const messages = (JSON.parse(output) as { messages: VnuMessage[] }).messages;
    const errors = messages.filter((message) => message.type === 'error' || message.subType === 'fatal');
    const readable = errors.map((error) => `${path.relative(site.client, new URL(error.url).pathname)}:${error.lastLine ?? '?'} ${error.message}`);
    expect(readable).toEqual([]);
  }, 120_000);

  it('runs no inline script that the Content-Security-Policy does not name by its hash', async () => {
    const hashes = new Set<string>();
    for (const file of files.filter((name) => name.endsWith('.html'))) {
      const html = await readFile(path.join(site.client, file), 'utf8');
      for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
        const attributes = match[1] ?? '';
        if (/\ssrc=/.test(attributes)) continue;
        const type = /\stype="([^"]*)"/.exec(attributes)?.[1];
        if (type !== undefined && type !== '' && type !== 'module' && !/javascript|ecmascript/.test(type)) continue; // JSON-LD and other data blocks
        hashes.add(`sha256-${createHash('sha256').update(match[2]!).digest('base64')}`);
      }
    }
    for (const hash of hashes) expect(INLINE_SCRIPT_HASHES).toContain(hash);
  });
});
