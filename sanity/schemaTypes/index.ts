import { newsItem } from './documents/newsItem.ts';
import { page } from './documents/page.ts';
import { region } from './documents/region.ts';
import { siteSettings } from './documents/siteSettings.ts';
import { source } from './documents/source.ts';
import { task } from './documents/task.ts';
import { enclosure } from './objects/enclosure.ts';
import { fetchError } from './objects/fetchError.ts';
import { localizedString } from './objects/localizedString.ts';
import { localizedText } from './objects/localizedText.ts';
import { machineTranslation, machineTranslations } from './objects/machineTranslation.ts';
import { tagEvidence } from './objects/tagEvidence.ts';
import { tagSuggestion } from './objects/tagSuggestion.ts';
import { translation } from './objects/translation.ts';
import { translations } from './objects/translations.ts';

export const documentTypes = [newsItem, source, task, region, page, siteSettings];
export const objectTypes = [localizedString, localizedText, tagEvidence, tagSuggestion, enclosure, fetchError, translation, translations, machineTranslation, machineTranslations];
export const schemaTypes = [...documentTypes, ...objectTypes];
