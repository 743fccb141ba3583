/**
 * Training: the people supervised (the roster), the courses they are trained on (each
 * agent with a page of their training records), the compliance matrix and the
 * requirements it is judged by, the sessions courses are held in, the KPI targets set per
 * role or agent, and the QA scorecards agents are evaluated on. One section, seven pages,
 * linked from a row of page links (as the customer's voice).
 */
import { Button, Group, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";

const PAGES = ["people", "courses", "sessions", "compliance", "requirements", "targets", "qa"] as const;

export function TrainingPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const current = PAGES.find((p) => location.pathname.startsWith(`/training/${p}`));
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t("sections.training.title")}
      </Title>
      <Group component="nav" aria-label={t("training.pagesLabel")} gap="xs">
        {PAGES.map((page) => (
          <Button
            key={page}
            component={Link}
            to={`/training/${page}`}
            size="xs"
            variant={current === page ? "filled" : "default"}
            aria-current={current === page ? "page" : undefined}
          >
            {t(`training.pages.${page}`)}
          </Button>
        ))}
      </Group>
      <Outlet />
    </Stack>
  );
}
