/**
 * The providers every screen needs, outermost first: i18n, Mantine (theme, color
 * scheme, notifications), TanStack Query (the IPC cache), date pickers' locale, then
 * the router.
 */
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { i18n as I18n } from "i18next";
import { useMemo, useState, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { createHashRouter } from "react-router";
import { RouterProvider } from "react-router/dom";

import { DatesLocale } from "./i18n/DatesLocale";
import { routes } from "./routes";
import { PreferencesGate } from "./shell/PreferencesGate";
import { cssVariablesResolver, localizedTheme } from "./theme";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Local IPC: a failure is not a flaky network, retrying only delays the error.
        retry: false,
        // Data changes only through this window, so focus changes need no refetch.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

export interface AppProps {
  i18n: I18n;
  queryClient?: QueryClient;
  /** Mantine's "test" environment turns off transitions and portals (for jsdom). */
  mantineEnv?: "default" | "test";
}

/** Most notifications on screen at once: more would stack up over the case list. */
const NOTIFICATION_LIMIT = 3;

/** Mantine with the theme in the interface language (it changes with the language). */
function LocalizedMantine({ env, children }: { env: "default" | "test"; children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => localizedTheme(t("common.close")), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" env={env}>
      {children}
    </MantineProvider>
  );
}

export function App({ i18n, queryClient, mantineEnv = "default" }: AppProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [router] = useState(() => createHashRouter(routes));

  return (
    <I18nextProvider i18n={i18n}>
      <LocalizedMantine env={mantineEnv}>
        {/* Bottom right, above the status bar and Save bar (app.css), clear of the page's
            primary controls; at most three at once, the rest wait their turn. */}
        <Notifications position="bottom-right" limit={NOTIFICATION_LIMIT} containerWidth={360} />
        <QueryClientProvider client={client}>
          <PreferencesGate>
            <DatesLocale>
              <RouterProvider router={router} useTransitions={false} />
            </DatesLocale>
          </PreferencesGate>
        </QueryClientProvider>
      </LocalizedMantine>
    </I18nextProvider>
  );
}
