/**
 * One KPI tile: the value, the previous period's beside it, the change in words (the
 * colour only repeats what the text says), what the value rests on, and a link to the
 * cases behind it.
 */
import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { drillListState, writeListState } from "../cases/listState";
import type { Tile } from "./tiles";

const TONE_COLOR = { better: "teal", worse: "red", neutral: "dimmed" } as const;

export function KpiTile({ tile }: { tile: Tile }) {
  const { t } = useTranslation();
  const titleId = useId();
  const drill = `/cases?${writeListState(drillListState(tile.drill)).toString()}`;
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text id={titleId} size="sm" fw={600} c="dimmed">
          {tile.title}
        </Text>
        <Text size="xl" fw={700} data-testid={`kpi-${tile.id}`}>
          {tile.value}
        </Text>
        {tile.basis ? (
          <Text size="xs" c="dimmed">
            {tile.basis}
          </Text>
        ) : null}
        {tile.detail ? <Text size="sm">{tile.detail}</Text> : null}
        <Text size="sm">{t("dashboard.previous", { value: tile.previous })}</Text>
        {tile.change ? (
          <Text size="sm" c={TONE_COLOR[tile.change.tone]}>
            {t(`dashboard.change.${tile.change.tone}`, { value: tile.change.text })}
          </Text>
        ) : null}
        <Group justify="flex-end" mt={4}>
          <Anchor
            component={Link}
            to={drill}
            size="sm"
            aria-label={t("dashboard.showCasesOf", { kpi: tile.title })}
            style={{ display: "inline-flex", alignItems: "center", gap: 4 }}
          >
            {t("dashboard.showCases")}
            <IconArrowRight size={14} aria-hidden />
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
