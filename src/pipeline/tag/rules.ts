import { z } from 'zod';

// The shape of the rule files in content/rules/ (see docs/tagging.md). Every
// vocabulary is data an editor can change; this module only says what a valid
// file looks like.

const LANG_KEYS = ['ru', 'en', 'uk', 'be'] as const;

/** `{ "term": weight }`; a term is one or more words, each `stem`, `prefix*` or `=exact`. */
const termMap = z.record(
  z.string().min(1).refine((term) => term.trim() === term && !/\s{2,}/.test(term), 'term has stray spaces'),
  z.number().finite().min(-20).max(20),
);

const termsByLanguage = z
  .object({ ru: termMap.optional(), en: termMap.optional(), uk: termMap.optional(), be: termMap.optional() })
  .strict();

const pattern = z
  .object({
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'only i, m, s, u flags (g is added)')
      .optional(),
    weight: z.number().finite().min(-20).max(20),
    /** What the evidence shows; the pattern itself when absent. */
    label: z.string().min(1).optional(),
    /**
     * Lower-case fragments of which one must occur in the text for the
     * pattern to be tried: a cheap pre-check, since every pattern is run on
     * every item. It must not change what the pattern finds.
     */
    requires: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export const healthRulesSchema = z
  .object({
    $comment: z.string().optional(),
    terms: termsByLanguage,
    patterns: z.array(pattern).default([]),
    /** Medical-looking words in non-medical contexts: the words they cover stop counting for anything. */
    traps: termsByLanguage.default({}),
    trapPatterns: z.array(pattern).default([]),
  })
  .strict();

export const targetRulesSchema = z
  .object({
    $comment: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z-]*$/),
    terms: termsByLanguage,
    patterns: z.array(pattern).default([]),
  })
  .strict();

export const localCueRulesSchema = z
  .object({
    $comment: z.string().optional(),
    terms: termsByLanguage,
  })
  .strict();

const unit = z.number().finite().min(0);

export const settingsSchema = z
  .object({
    $comment: z.string().optional(),
    /** Multiplies the weight of a term found in the title. */
    titleBoost: unit,
    /** confidence = 1 - exp(-score / confidenceScale). */
    confidenceScale: z.number().finite().positive(),
    health: z
      .object({
        threshold: z.number().finite(),
        /** Health weight of a term that stands inside quotation marks, as a share of its weight. */
        quotedFactor: z.number().min(0).max(1).default(1),
      })
      .strict(),
    tasks: z
      .object({
        minScore: unit,
        relativeToTop: z.number().min(0).max(1),
        max: z.number().int().min(1).max(15),
        /** A health item whose best task is below minScore still gets it when it reaches this. */
        fallbackMinScore: unit,
      })
      .strict(),
    regions: z
      .object({
        minScore: unit,
        relativeToTop: z.number().min(0).max(1),
        /**
         * Score added to the feed's region when the text names it weakly, or
         * names no region at all but reads as local news (a local cue).
         */
        sourcePrior: unit,
        /** Feed regions that are no prior: a federal feed also carries other regions' news. */
        noPriorFor: z.array(z.string()).default([]),
        /**
         * Words that mark a place as where someone or something comes from,
         * not where the news happens ("пациенты из ЛНР", "from Murmansk"):
         * an input of the region model.
         */
        originWords: z.array(z.string().min(1)).default([]),
        /**
         * Regions whose names get no derived adjective terms (compile.ts,
         * placeAdjectives): `federal` names bodies, not places.
         */
        noPlaceAdjectives: z.array(z.string()).default([]),
      })
      .strict(),
  })
  .strict();

export type HealthRules = z.infer<typeof healthRulesSchema>;
export type TargetRules = z.infer<typeof targetRulesSchema>;
export type LocalCueRules = z.infer<typeof localCueRulesSchema>;
export type TagSettings = z.infer<typeof settingsSchema>;
export type TermsByLanguage = z.infer<typeof termsByLanguage>;
export type PatternRule = z.infer<typeof pattern>;

/** The rule files as read, before validation: one JSON value per file. */
export type TagRulesJson = {
  settings: unknown;
  health: unknown;
  localCues: unknown;
  /** File name (for messages) and content, in a stable order. */
  tasks: { file: string; json: unknown }[];
  regions: { file: string; json: unknown }[];
  /** model.json, the learned layer; null when the folder has none (rules only). */
  model?: unknown;
};

/** The rule files, validated. */
export type TagRules = {
  settings: TagSettings;
  health: HealthRules;
  localCues: LocalCueRules;
  tasks: TargetRules[];
  regions: TargetRules[];
};

export { LANG_KEYS };
