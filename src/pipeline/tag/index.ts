export { compileTagRules, compileValidatedRules, validateTagRules, type CompiledTagRules } from './compile.ts';
export { DEFAULT_RULES_DIR, loadTagRules, readTagRules } from './load.ts';
export type { TagRules, TagRulesJson, TagSettings } from './rules.ts';
export {
  SOURCE_PRIOR_TERM,
  scoreItem,
  tagItem,
  type TagEvidence,
  type TagField,
  type TagInput,
  type TagResult,
  type TagSuggestion,
} from './tagItem.ts';
export { compileLanguageHints, refineLanguage, type CompiledLanguageHints } from './refineLanguage.ts';
export { classifyBatch, classifyOne, loadTagger, type ClassifiedItem, type ClassifyInput, type Tagger } from './batch.ts';
export { benchTagger } from './bench.ts';
export {
  duplicatePairScores,
  evaluate,
  scoresOf,
  type EvalReport,
  type LabelledItem,
  type PredictedItem,
  type Scores,
} from './metrics.ts';
