import { francAll } from 'franc';
import { LANGUAGES, type DetectedLanguage, type Language, type LanguageDecision } from '../model.ts';
import {
  CYRILLIC_LANGUAGES,
  MARKER_GROUPS,
  profileText,
  type CyrillicLanguage,
  type PerCyrillic,
  type TextProfile,
} from './profile.ts';
import rules from './rules.json' with { type: 'json' };
import { sortSmall } from '../sortSmall.ts';

/**
 * Detects the language of a news item (ru, en, uk, be, or `und`) from its
 * title and summary together, the title alone being often too short.
 *
 * Cheapest evidence first; franc only when the letters leave a real choice.
 * Every letter, word list, rate and threshold below is data in rules.json.
 *
 * 1. No letters (empty, digits, punctuation) → `und:no-letters`; letters
 *    mostly of a script we do not handle (Han, Arabic, Greek...) →
 *    `und:script-other`.
 * 2. The dominant script of the letters (Latin vs Cyrillic count) decides
 *    between English and the Cyrillic languages, so a Russian headline with
 *    "COVID-19" or a brand stays Cyrillic and an English lead naming someone
 *    in Cyrillic stays English.
 * 3. Latin → `en` (`script:latin`), the only Latin-script language we
 *    handle; `und:latin-not-english` when frequent words of French, German,
 *    Spanish, Italian, Polish... (at least 2) outnumber English ones;
 *    `und:too-short` for a single Latin word ("COVID-19", a brand) unless
 *    the source declares `en`.
 * 4. Cyrillic, hard evidence: each of ru/uk/be loses 1 point per letter it
 *    does not have (ru: і ї є ґ ў and the in-word apostrophe; uk: ё ъ ы э ў;
 *    be: и щ ъ ї є ґ) and gains 1.5 per distinctive function word (uk що,
 *    від, та...; be што, ад, пра...; ru что, и, из...). A leader with no
 *    foreign letter ahead by ≥ 1 point, or any leader ahead by ≥ 3, wins:
 *    `script:uk-letters` (or `script+words:uk` when the words were needed).
 *    So Ukrainian with і but no ї/є is told from Russian by і, Belarusian
 *    with ў by ў, and Belarusian without ў from Ukrainian by ы/э and from
 *    Russian by і or the missing и.
 * 5. Otherwise the languages within reach of the leader are candidates. For
 *    short text (fewer than 20 letters or 3 words) a declared source
 *    language among them wins (`declared:short`). A declared language of the
 *    other script (an `en` source with a Cyrillic headline) is never used.
 * 6. Otherwise the candidates are ranked by hard evidence, plus soft
 *    evidence (a language none of whose marker letters appear, e.g. uk
 *    without any і/ї/є/ґ/apostrophe, loses letters × expected rate: the
 *    log-probability of that absence), plus 3 × franc's normalized score.
 *    franc runs on the first 400 characters, restricted to the candidates
 *    among rus/eng/ukr/bel (unrestricted it is wrong on half of short
 *    headlines) and mapped to ISO 639-1 (`franc`). When the top two are
 *    within 0.5 points and the declared language is one of them, it wins
 *    (`franc+prior`). franc is skipped when the letters lead by more than
 *    franc could change (`script+markers:ru`); text too short for franc
 *    (< 10 chars) is ranked without it (`script:weak`, `script+prior`).
 *
 * Confidence is 0..1 for the chosen language, and 0 for `und`.
 * Known limit: Ukrainian with no і/ї/є/ґ/apostrophe at all (rare beyond a
 * headline) usually comes out Russian: its letters are all Russian letters
 * and franc does not separate the two on so little text.
 */
export function detectLanguage(
  input: { title: string; summary: string },
  declared: Language | null,
): LanguageDecision {
  const text = joinText(input.title, input.summary);
  const profile = profileText(text);
  if (profile.letters === 0) return undetermined('und:no-letters');

  const script = dominantScript(profile, declared);
  if (script === 'other') return undetermined('und:script-other');

  const short = profile.letters < rules.decision.shortLetters || profile.words < rules.decision.shortWords;
  // A declared language only counts for text in its own script.
  const compatibleDeclared = declared !== null && scriptOf(declared) === script ? declared : null;
  if (profile.letters < rules.decision.minLetters) {
    return compatibleDeclared === null
      ? undetermined('und:too-short')
      : decision(compatibleDeclared, rules.confidence.declaredShort, 'declared:short');
  }
  return script === 'latin'
    ? decideLatin(profile, compatibleDeclared, short)
    : decideCyrillic(text, profile, compatibleDeclared === 'en' ? null : compatibleDeclared, short);
}

/** Title and summary as one text; either may be empty. */
function joinText(title: string, summary: string): string {
  const t = title.trim();
  const s = summary.trim();
  return t === '' ? s : s === '' ? t : `${t}\n${s}`;
}

type Script = 'latin' | 'cyrillic' | 'other';

const scriptOf = (language: Language): Script => (language === 'en' ? 'latin' : 'cyrillic');

function dominantScript(profile: TextProfile, declared: Language | null): Script {
  const { latin, cyrillic, other } = profile;
  if (other > latin && other > cyrillic) return 'other';
  if (latin === cyrillic) return declared === 'en' ? 'latin' : 'cyrillic';
  return latin > cyrillic ? 'latin' : 'cyrillic';
}

function decideLatin(profile: TextProfile, declared: Language | null, short: boolean): LanguageDecision {
  const { en, otherLatin } = profile.functionWords;
  if (otherLatin >= rules.decision.latinOtherMinWords && otherLatin > en) {
    return undetermined('und:latin-not-english');
  }
  const c = rules.confidence;
  if (short) {
    if (declared === 'en') return decision('en', c.declaredShortLatin, 'declared:short');
    // "COVID-19" or "Pfizer" alone is a name, not English.
    if (profile.words < rules.decision.latinMinWords && en === 0) return undetermined('und:too-short');
    return decision('en', c.latinShort, 'script:latin');
  }
  return decision('en', en > 0 ? c.latinEnglish : c.latinNoEnglishWords, 'script:latin');
}

/**
 * Hard evidence per Cyrillic language: −1 per letter it does not have, +1.5
 * per distinctive function word. Only this can decide without franc.
 */
function hardScores(profile: TextProfile): PerCyrillic {
  const scores: PerCyrillic = { ru: 0, uk: 0, be: 0 };
  for (const language of CYRILLIC_LANGUAGES) {
    scores[language] = rules.weights.functionWord * profile.functionWords[language] - profile.foreign[language];
  }
  return scores;
}

/** Soft evidence: the log-probability of seeing none of a language's marker groups that are absent. */
function softScores(profile: TextProfile): PerCyrillic {
  const scores: PerCyrillic = { ru: 0, uk: 0, be: 0 };
  MARKER_GROUPS.forEach((group, index) => {
    if (profile.markers[index] === 0) scores[group.language] -= profile.cyrillic * group.rate;
  });
  return scores;
}

function rank(scores: PerCyrillic, among: readonly CyrillicLanguage[] = CYRILLIC_LANGUAGES): CyrillicLanguage[] {
  return sortSmall([...among], (a, b) => scores[b] - scores[a]);
}

/** Languages the hard evidence cannot rule out, best first. */
function candidatesOf(profile: TextProfile, scores: PerCyrillic): CyrillicLanguage[] {
  const ranked = rank(scores);
  const leader = ranked[0]!;
  const needed = profile.foreign[leader] === 0 ? rules.decision.cleanMargin : rules.decision.dirtyMargin;
  return ranked.filter((language) => scores[leader] - scores[language] < needed);
}

function decideCyrillic(
  text: string,
  profile: TextProfile,
  declared: CyrillicLanguage | null,
  short: boolean,
): LanguageDecision {
  const hard = hardScores(profile);
  const candidates = candidatesOf(profile, hard);
  const c = rules.confidence;

  if (candidates.length === 1) {
    const [leader, second] = rank(hard) as [CyrillicLanguage, CyrillicLanguage];
    const margin = hard[leader] - hard[second];
    const byLetters = candidatesOf(profile, { ru: -profile.foreign.ru, uk: -profile.foreign.uk, be: -profile.foreign.be });
    const method = byLetters.length === 1 && byLetters[0] === leader ? `script:${leader}-letters` : `script+words:${leader}`;
    return decision(leader, Math.min(c.lettersMax, c.lettersBase + c.lettersPerPoint * margin), method);
  }

  if (short && declared !== null && candidates.includes(declared)) {
    return decision(declared, c.declaredShort, 'declared:short');
  }

  const soft = softScores(profile);
  const combined: PerCyrillic = { ru: 0, uk: 0, be: 0 };
  for (const language of candidates) combined[language] = hard[language] + soft[language];

  // franc scores lie in 0..1, so it cannot move a ranking by more than its weight: skip it then.
  const [lettersTop, lettersSecond] = rank(combined, candidates) as [CyrillicLanguage, CyrillicLanguage];
  const lettersGap = combined[lettersTop] - combined[lettersSecond];
  if (lettersGap >= rules.weights.franc) {
    return decision(lettersTop, c.francBase + c.francSpan * Math.min(1, lettersGap / c.francFullGap), `script+markers:${lettersTop}`);
  }

  const ranking = francAll(text.slice(0, rules.decision.francMaxChars), {
    only: rules.franc.only.filter((code) => (candidates as readonly string[]).includes(toIso(code))),
  });
  const francDecided = ranking[0] !== undefined && ranking[0][0] !== 'und';
  if (francDecided) {
    for (const [code, score] of ranking) {
      const language = toIso(code) as CyrillicLanguage;
      combined[language] += rules.weights.franc * (score - 1);
    }
  }
  const [top, second] = rank(combined, candidates) as [CyrillicLanguage, CyrillicLanguage];
  const gap = combined[top] - combined[second];
  if (gap < rules.decision.nearTie && (declared === top || declared === second)) {
    return decision(declared, c.prior, francDecided ? 'franc+prior' : 'script+prior');
  }
  const confidence = c.francBase + c.francSpan * Math.min(1, gap / c.francFullGap);
  // Too little text for trigrams: the soft letter evidence is all there is.
  return francDecided ? decision(top, confidence, 'franc') : decision(top, Math.min(confidence, c.weak), 'script:weak');
}

function toIso(francCode: string): DetectedLanguage {
  const map: Record<string, string | undefined> = rules.franc.toIso6391;
  const iso = map[francCode];
  return LANGUAGES.find((language) => language === iso) ?? 'und';
}

function decision(language: DetectedLanguage, confidence: number, method: string): LanguageDecision {
  return { language, confidence: Math.round(confidence * 1000) / 1000, method };
}

function undetermined(method: string): LanguageDecision {
  return decision('und', rules.confidence.und, method);
}
