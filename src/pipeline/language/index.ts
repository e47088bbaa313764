export { detectLanguage } from './detectLanguage.ts';
export { profileText, type TextProfile } from './profile.ts';
