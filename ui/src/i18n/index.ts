/**
 * i18next set up for the app. Resources are bundled (no network: the CSP allows none),
 * initialised synchronously so the first render is already translated, and the
 * document's `lang` follows the active language so screen readers and CJK font
 * selection (`:lang()` in app.css) pick the right voice and glyphs.
 *
 * The language the user chose lives in the settings (Rust side); `PreferencesSync`
 * calls `changeLanguage` when they load or change. Nothing here persists anything.
 */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";

import en from "./locales/en.json";
import zhHans from "./locales/zh-Hans.json";
import zhHant from "./locales/zh-Hant.json";
import { DEFAULT_LANGUAGE } from "./languages";

export const resources = {
  en: { translation: en },
  "zh-Hans": { translation: zhHans },
  "zh-Hant": { translation: zhHant },
} as const;

export function createI18n(language: string = DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  instance.on("languageChanged", (lng) => {
    if (typeof document !== "undefined") document.documentElement.lang = lng;
  });
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: Object.keys(resources),
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  return instance;
}
