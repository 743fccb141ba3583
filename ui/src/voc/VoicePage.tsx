/**
 * The customer's voice: where in their journey customers hurt (pain points), what they
 * say outside of cases (feedback) and what the team asks other departments to change
 * (insights). One section, three pages, linked from a row of page links.
 */
import { Button, Group, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";

const PAGES = ["pain-points", "feedback", "insights"] as const;

export function VoicePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const current = PAGES.find((p) => location.pathname.startsWith(`/voice/${p}`));
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t("voc.title")}
      </Title>
      <Group component="nav" aria-label={t("voc.pagesLabel")} gap="xs">
        {PAGES.map((page) => (
          <Button
            key={page}
            component={Link}
            to={`/voice/${page}`}
            size="xs"
            variant={current === page ? "filled" : "default"}
            aria-current={current === page ? "page" : undefined}
          >
            {t(`voc.pages.${page}`)}
          </Button>
        ))}
      </Group>
      <Outlet />
    </Stack>
  );
}
