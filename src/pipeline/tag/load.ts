import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../model.ts';
import { compileTagRules, type CompiledTagRules } from './compile.ts';
import type { TagRulesJson } from './rules.ts';

export const DEFAULT_RULES_DIR = 'content/rules';
/** The learned layer's weights, written by `npm run train`. */
export const MODEL_FILE = 'model.json';

function readJson(path: string, name: string): Result<unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail('rules_unreadable', `${name}: ${(error as Error).message}`);
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return fail('rules_invalid', `${name}: not JSON: ${(error as Error).message}`);
  }
}

function readFolder(dir: string, folder: string): Result<{ file: string; json: unknown }[]> {
  let names: string[];
  try {
    names = readdirSync(join(dir, folder))
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    return fail('rules_unreadable', `${folder}/: ${(error as Error).message}`);
  }
  const files: { file: string; json: unknown }[] = [];
  for (const name of names) {
    const file = `${folder}/${name}`;
    const json = readJson(join(dir, file), file);
    if (!json.ok) return json;
    files.push({ file, json: json.value });
  }
  return { ok: true, value: files };
}

/** Reads the rule files of `dir` (I/O only; see compileTagRules for the checks). */
export function readTagRules(dir: string = DEFAULT_RULES_DIR): Result<TagRulesJson> {
  const settings = readJson(join(dir, 'settings.json'), 'settings.json');
  if (!settings.ok) return settings;
  const health = readJson(join(dir, 'health.json'), 'health.json');
  if (!health.ok) return health;
  const localCues = readJson(join(dir, 'local-cues.json'), 'local-cues.json');
  if (!localCues.ok) return localCues;
  const tasks = readFolder(dir, 'tasks');
  if (!tasks.ok) return tasks;
  const regions = readFolder(dir, 'regions');
  if (!regions.ok) return regions;
  // The learned layer is optional: a rules folder without model.json tags by the rules alone.
  const model = existsSync(join(dir, MODEL_FILE)) ? readJson(join(dir, MODEL_FILE), MODEL_FILE) : ok(null);
  if (!model.ok) return model;
  return {
    ok: true,
    value: {
      settings: settings.value,
      health: health.value,
      localCues: localCues.value,
      tasks: tasks.value,
      regions: regions.value,
      model: model.value,
    },
  };
}

/** Reads, validates and compiles the rules of `dir`; errors name the file and the failing path. */
export function loadTagRules(dir: string = DEFAULT_RULES_DIR, options: { learned?: boolean } = {}): Result<CompiledTagRules> {
  const json = readTagRules(dir);
  if (!json.ok) return json;
  // `learned: false`: the rules alone, whatever model.json holds (the trainer replaces it).
  return compileTagRules(options.learned === false ? { ...json.value, model: null } : json.value);
}
