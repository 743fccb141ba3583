/**
 * Applies the stored language and theme, on start and whenever the cached settings
 * change (a save updates the cache). Until the first answer from `settings_get` it
 * shows a loader, so the window does not flash English or the wrong theme; if the
 * answer is slow or fails, the app opens anyway with defaults and the Settings page
 * shows the error.
 */
import { Center, Loader, useMantineColorScheme } from "@mantine/core";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { useSettings } from "../ipc/queries";
import { colorSchemeOf } from "../theme";

const MAX_WAIT_MS = 1500;

export function PreferencesGate({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const { t, i18n } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  // Latched: once the first answer came (or we stopped waiting), never block again,
  // or a later refetch would unmount the whole app.
  const [open, setOpen] = useState(false);
  if (!open && !settings.isPending) setOpen(true);

  const language = settings.data?.language;
  const theme = settings.data?.theme;

  // Apply each stored value once when it arrives or changes, not on every render:
  // the hooks' identities change with the language and scheme they control.
  const applied = useRef<{ language?: string; theme?: string }>({});
  useLayoutEffect(() => {
    if (!language || applied.current.language === language) return;
    applied.current.language = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  useLayoutEffect(() => {
    if (!theme || applied.current.theme === theme) return;
    applied.current.theme = theme;
    setColorScheme(colorSchemeOf(theme));
  }, [theme, setColorScheme]);

  useEffect(() => {
    const timer = window.setTimeout(() => setOpen(true), MAX_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, []);

  if (!open) {
    return (
      <Center h="100vh">
        <Loader size="sm" aria-label={t("app.loading")} />
      </Center>
    );
  }
  return children;
}
