/**
 * Knowledge base: the team's SOPs, policies, call scripts and known issues (list with
 * search and filters, an article's page with its history, the editor).
 */
import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";

export function KnowledgePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t("sections.knowledge.title")}
      </Title>
      <Outlet />
    </Stack>
  );
}
