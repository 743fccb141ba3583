/**
 * The languages Frontline ships. Each is named in its own script, never translated:
 * a person who cannot read the current language must still find their own.
 */
import type { Language } from "../ipc/bindings";

export const LANGUAGES: readonly { value: Language; nativeName: string }[] = [
  { value: "en", nativeName: "English" },
  { value: "zh-Hans", nativeName: "简体中文" },
  { value: "zh-Hant", nativeName: "繁體中文" },
];

export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: string): value is Language {
  return LANGUAGES.some((l) => l.value === value);
}
