export { openTranslationCache, CACHE_FILE, type TranslationCache } from './cache.ts';
export { translationSetupFromEnv, DEFAULT_BUDGET, type TranslationSetup } from './config.ts';
export { sourceHash, TARGET_LANGUAGES, type MachineTranslation, type TranslationProvider, type TranslationReport } from './model.ts';
export { keepFreshTranslations, planTranslationJobs, planTranslationMutations, isShownItem, type TranslationJob } from './plan.ts';
export { translateJobs, translateStore, type TranslateOptions } from './translate.ts';
