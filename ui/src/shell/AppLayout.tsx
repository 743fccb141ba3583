/**
 * The window's frame: header (app name, organisation, active plan runs), navbar (the six sections, with
 * Ctrl/Cmd+1…9), the routed page (or one drawn ahead, KeptPage) in <main>, and the status bar. A skip link jumps past
 * the navigation straight to the page.
 */
import { AppShell, Box, Group, NavLink, Text, Tooltip } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { useEffect, useMemo, useRef, type MouseEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";

import { SlaBreachAlerts } from "../cases/SlaBreachAlerts";
import { RunStepAlerts } from "../plans/RunStepAlerts";
import { useDatabaseReady, useSettings } from "../ipc/queries";
import { ActiveRunsIndicator } from "../plans/ActiveRunsIndicator";
import { SyncAlerts } from "../sync/SyncAlerts";
import classes from "./AppLayout.module.css";
import { dropOpening, markOpening } from "./openingMark";
import { SECTIONS } from "./sections";
import { ariaKeyShortcut, isMacPlatform, shortcutLabel } from "./shortcuts";
import { StatusBar } from "./StatusBar";

export interface AppLayoutProps {
  /** Pages drawn ahead of their visits beside the routed one (KeptPage), each shown at its own path. */
  kept?: ReactNode;
}

export function AppLayout({ kept }: AppLayoutProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  const settings = useSettings();
  useDatabaseReady();
  const mac = useMemo(isMacPlatform, []);

  // Empty ignore list: the shortcuts also work while typing in a field.
  useHotkeys(
    SECTIONS.map((section) => [
      `mod+${section.shortcutDigit}`,
      () => {
        markOpening(section.path);
        void navigate(section.path);
      },
    ]),
    [],
  );
  // A mark the new page did not take (it was for another) must not outlive this visit.
  useEffect(dropOpening, [location.pathname]);
  // The window scrolls, not <main>: a page opened must start at its top, not at the
  // previous page's offset (Settings once opened halfway down its hours).
  useEffect(() => window.scrollTo(0, 0), [location.pathname]);

  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    // The URL hash belongs to the router; move focus instead of following the link.
    event.preventDefault();
    mainRef.current?.focus();
  };

  const organisation = settings.data?.organisationName.trim();
  const current = SECTIONS.find(
    (s) => location.pathname === s.path || location.pathname.startsWith(`${s.path}/`),
  );
  const currentLabel = current ? t(`nav.${current.id}`) : undefined;

  useEffect(() => {
    document.title = currentLabel
      ? t("app.documentTitle", { section: currentLabel })
      : t("app.name");
  }, [currentLabel, t]);

  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: 216, breakpoint: 0 }}
      footer={{ height: 28 }}
      padding={0}
    >
      <SlaBreachAlerts />
      <RunStepAlerts />
      <SyncAlerts />
      <a href="#main-content" className={classes.skipLink} onClick={skipToContent}>
        {t("app.skipToContent")}
      </a>

      <AppShell.Header className={classes.chrome}>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <div className={classes.logo} aria-hidden>
            F
          </div>
          <Text fw={700} size="md" className={classes.appName}>
            {t("app.name")}
          </Text>
          {(organisation || settings.isSuccess) && (
            <>
              <div className={classes.separator} aria-hidden />
              <Text
                size="sm"
                c={organisation ? undefined : "dimmed"}
                truncate
                data-testid="organisation-name"
              >
                {organisation || t("app.noOrganisation")}
              </Text>
            </>
          )}
          <Box ml="auto">
            <ActiveRunsIndicator />
          </Box>
        </Group>
      </AppShell.Header>

      {/* AppShell.Navbar is itself a <nav>: it is the one, named navigation landmark
          (a <nav> inside it would be a second, unnamed one around the first). */}
      <AppShell.Navbar className={classes.chrome} p="xs" aria-label={t("nav.label")}>
        <div className={classes.nav}>
          {SECTIONS.map((section) => {
            const active = section === current;
            const SectionIcon = section.icon;
            const keys = shortcutLabel(section.shortcutDigit, mac);
            return (
              <Tooltip
                key={section.id}
                label={t("nav.shortcut", { keys })}
                position="right"
                openDelay={600}
                withArrow
              >
                <NavLink
                  component={Link}
                  to={section.path}
                  label={t(`nav.${section.id}`)}
                  leftSection={<SectionIcon size={18} stroke={1.7} aria-hidden />}
                  rightSection={
                    <Text span size="xs" c="dimmed" className={classes.kbd} aria-hidden>
                      {keys}
                    </Text>
                  }
                  active={active}
                  aria-current={active ? "page" : undefined}
                  aria-keyshortcuts={ariaKeyShortcut(section.shortcutDigit, mac)}
                  onClick={() => markOpening(section.path)}
                  className={classes.navLink}
                />
              </Tooltip>
            );
          })}
        </div>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" ref={mainRef} tabIndex={-1} className={classes.main}>
        <div className={classes.page}>
          <Outlet />
          {kept}
        </div>
      </AppShell.Main>

      <AppShell.Footer className={classes.chrome} aria-label={t("status.label")}>
        <StatusBar />
      </AppShell.Footer>
    </AppShell>
  );
}
