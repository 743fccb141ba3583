/**
 * The home screen's review reminders: published articles whose review date has come,
 * the longest overdue first, each linking to its article. Rust derives the list from the
 * review dates and today; nothing shows when none is due.
 */
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconBook } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useReviewDue } from "../ipc/queries";
import { formatDay } from "../settings/CalendarDay";

export function ReviewReminders({ enabled = true }: { enabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const due = useReviewDue(enabled);
  const data = due.data;
  if (!data || data.total === 0) return null;
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <IconBook size={18} aria-hidden />
          <Title order={2} size="h5" id={headingId}>
            {t("knowledge.review.title", { count: data.total })}
          </Title>
        </Group>
        <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {data.articles.map((a) => (
            <Group component="li" key={a.id} gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/knowledge/${a.id}`} size="sm">
                {a.title}
              </Anchor>
              <Badge size="sm" variant="light" color={a.daysOverdue > 0 ? "orange" : "yellow"} tt="none">
                {a.daysOverdue > 0
                  ? t("knowledge.review.overdue", { count: a.daysOverdue, date: formatDay(i18n.language, a.reviewOn, "medium") })
                  : t("knowledge.review.today")}
              </Badge>
              {a.owner ? (
                <Text size="xs" c="dimmed">
                  {t("knowledge.article.owner", { name: a.owner })}
                </Text>
              ) : null}
            </Group>
          ))}
        </Stack>
        {data.total > data.articles.length ? (
          <Text size="xs" c="dimmed">
            {t("knowledge.review.more", { count: data.total - data.articles.length })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
