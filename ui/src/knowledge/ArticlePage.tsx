/**
 * One article: rendered, with its kind, status, category, tags, owner and review date;
 * edit, publish and archive; a warning when texts were kept from sync conflicts; the
 * cases, plan steps and courses it is linked to; and its history with a diff between any two versions.
 * "Print" prints the article alone (title, facts and text; the print dialog can also save
 * it as a PDF), as the service report and the compliance matrix print: app.css leaves the
 * window's chrome out, and this page's stylesheet its controls and side panels.
 */
import { Alert, Anchor, Badge, Button, Center, Grid, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconArchive, IconPencil, IconPrinter, IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import type { Article } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useArchiveArticle, useArticle, useArticleCases, useCategories, usePublishArticle } from "../ipc/queries";
import classes from "./ArticlePage.module.css";
import { ArticleStatusBadge, ConflictBadge, KindBadge } from "./Badges";
import { History } from "./History";
import { Markdown } from "./Markdown";
import { ReadAcks } from "./ReadAcks";
import { LinkedCourses, LinkedSteps } from "./WorkLinks";

function LinkedCases({ article }: { article: Article }) {
  const { t } = useTranslation();
  const cases = useArticleCases(article.id);
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-label={t("knowledge.article.cases")}>
      <Title order={2} size="h5" mb={6}>
        {t("knowledge.article.cases")}
      </Title>
      {cases.isError ? (
        <Text size="sm" c="red">
          {describeError(t, cases.error)}
        </Text>
      ) : cases.data && cases.data.length > 0 ? (
        <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {cases.data.map((c) => (
            <li key={c.id}>
              <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
                {t("knowledge.article.caseLabel", { reference: c.reference, title: c.title })}
              </Anchor>
            </li>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("knowledge.article.noCases")}
        </Text>
      )}
    </Paper>
  );
}

function ArticleView({ article }: { article: Article }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const publish = usePublishArticle();
  const archive = useArchiveArticle();
  const f = article.fields;
  const category = categories.data?.find((c) => c.id === f.categoryId)?.name;
  const fail = (error: unknown) => notifications.show({ color: "red", message: describeError(t, error) });
  const unpublished = article.status !== "published" || article.changedSincePublish;

  return (
    <Stack gap="md" className={classes.page}>
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start">
            <Title order={2} size="h3">
              {f.title}
            </Title>
            <Group gap="xs" className={classes.controls}>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPrinter size={14} aria-hidden />}
                onClick={() => window.print()}
              >
                {t("knowledge.article.print")}
              </Button>
              <Button
                size="xs"
                variant="default"
                component={Link}
                to={`/knowledge/${article.id}/edit`}
                leftSection={<IconPencil size={14} aria-hidden />}
              >
                {t("knowledge.article.edit")}
              </Button>
              <Button
                size="xs"
                leftSection={<IconSend size={14} aria-hidden />}
                disabled={!unpublished}
                loading={publish.isPending}
                onClick={() =>
                  publish.mutate(article.id, {
                    onSuccess: () => notifications.show({ message: t("knowledge.article.published") }),
                    onError: fail,
                  })
                }
              >
                {t("knowledge.article.publish")}
              </Button>
              {article.status !== "archived" ? (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconArchive size={14} aria-hidden />}
                  loading={archive.isPending}
                  onClick={() => archive.mutate(article.id, { onError: fail })}
                >
                  {t("knowledge.article.archive")}
                </Button>
              ) : null}
            </Group>
          </Group>
          <Group gap="xs">
            <KindBadge kind={f.kind} />
            <ArticleStatusBadge status={article.status} />
            {article.status === "published" && article.changedSincePublish ? (
              <Badge variant="outline" color="yellow" tt="none">
                {t("knowledge.article.unpublishedChanges")}
              </Badge>
            ) : null}
            <ConflictBadge count={article.conflicts} />
          </Group>
          <Text size="sm" c="dimmed">
            {[
              category ? t("knowledge.article.category", { name: category }) : null,
              f.owner ? t("knowledge.article.owner", { name: f.owner }) : null,
              f.reviewOn ? t("knowledge.article.reviewOn", { date: f.reviewOn }) : null,
              f.tags.length > 0 ? t("knowledge.article.tags", { tags: f.tags.join(", ") }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
      </Paper>
      {article.conflicts > 0 ? (
        <Alert
          className={classes.controls}
          color="orange"
          icon={<IconAlertTriangle size={16} aria-hidden />}
          title={t("knowledge.article.conflictTitle")}
        >
          {t("knowledge.article.conflictText", { count: article.conflicts })}
        </Alert>
      ) : null}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 8 }} className={classes.body}>
          <Paper component="article" withBorder radius="md" p="md" aria-label={f.title}>
            {f.body.trim() ? <Markdown text={f.body} /> : <Text c="dimmed">{t("knowledge.article.emptyBody")}</Text>}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} className={classes.controls}>
          <Stack gap="md">
            <LinkedCases article={article} />
            <LinkedSteps article={article.id} />
            <LinkedCourses article={article.id} />
            <ReadAcks article={article} />
          </Stack>
        </Grid.Col>
      </Grid>
      <div className={classes.controls}>
        <History article={article} />
      </div>
    </Stack>
  );
}

export function ArticlePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const article = useArticle(id);
  if (article.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (article.isError) return <Alert color="red">{describeError(t, article.error)}</Alert>;
  return (
    <Stack gap="xs">
      <Anchor component={Link} to="/knowledge" size="sm" className={classes.controls}>
        {t("knowledge.article.back")}
      </Anchor>
      <ArticleView article={article.data} />
    </Stack>
  );
}
