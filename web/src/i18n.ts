// zh-CN is the source language: Chinese text is the key, English is a dictionary over it
// (i18n-dictionary-en.ts), loaded only when a user reads English.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'gz_lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: { 'zh-CN': { translation: {} } },
  returnEmptyString: false,
});

let english: Promise<void> | null = null;

/** Adds the English dictionary (its own chunk) once. */
export function loadEnglish(): Promise<void> {
  english ??= import('./i18n-dictionary-en').then(({ en }) => {
    i18n.addResourceBundle('en', 'translation', en, true, true);
  });
  return english;
}

/** Resolves when the language the user chose last time can be shown (the entries render after it). */
export const i18nReady: Promise<void> =
  initialLang() === 'en'
    ? loadEnglish()
        .then(() => i18n.changeLanguage('en'))
        .then(() => {
          document.documentElement.lang = 'en';
        })
    : Promise.resolve();

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void (lang === 'en' ? loadEnglish() : Promise.resolve()).then(() => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  });
}

export default i18n;
