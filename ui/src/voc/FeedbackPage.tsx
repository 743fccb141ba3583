/**
 * Feedback that is not a case — survey answers, focus-group notes, comments — with
 * filters (words, source, sentiment, stage, theme, days) kept in the URL, so a
 * pain-point cell can open exactly its entries and Back returns to the same list.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  MultiSelect,
  Pagination,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconDots, IconFilterOff, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { isOneOf } from "../cases/model";
import { LIMITS, type Feedback, type FeedbackQuery, type FeedbackSource, type Sentiment } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useDeleteFeedback, useFeedbackPage, useFeedbackThemes, useJourneyStages } from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { FeedbackDialog } from "./FeedbackDialog";
import { SENTIMENTS, SOURCES, sentimentOptions, sourceOptions } from "./model";
import { emptyFeedbackQuery } from "./painPoints";
import { allStageOptions, stageLabelOf } from "./stages";

const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .filter((v) => v !== "")
    .slice(0, LIMITS.queryListMax);
}

/** The list's query from the URL (page included). */
export function readFeedbackQuery(params: URLSearchParams): FeedbackQuery {
  const from = params.get("from");
  const to = params.get("to");
  const page = Math.max(0, Number(params.get("page") ?? "1") - 1) || 0;
  return {
    ...emptyFeedbackQuery(),
    text: params.get("q") || null,
    sources: list(params, "source").filter((v) => isOneOf(SOURCES, v)) as FeedbackSource[],
    sentiments: list(params, "sentiment").filter((v) => isOneOf(SENTIMENTS, v)) as Sentiment[],
    journeyStages: list(params, "stage"),
    themes: list(params, "theme"),
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    offset: page * PAGE,
    limit: PAGE,
  };
}

export function writeFeedbackQuery(q: FeedbackQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (q.text) params.set("q", q.text);
  for (const v of q.sources) params.append("source", v);
  for (const v of q.sentiments) params.append("sentiment", v);
  for (const v of q.journeyStages) params.append("stage", v);
  for (const v of q.themes) params.append("theme", v);
  if (q.from) params.set("from", q.from);
  if (q.to) params.set("to", q.to);
  if (q.offset > 0) params.set("page", String(q.offset / PAGE + 1));
  return params;
}

const SENTIMENT_COLOR: Record<Sentiment, string> = { positive: "teal", neutral: "gray", negative: "red" };

export function FeedbackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readFeedbackQuery(params), [params]);
  const page = useFeedbackPage(query);
  const stages = useJourneyStages();
  const themes = useFeedbackThemes();
  const [editing, setEditing] = useState<Feedback | "new" | null>(null);
  const [deleting, setDeleting] = useState<Feedback | null>(null);
  const remove = useDeleteFeedback();
  // Filters start again from the first page.
  const update = (patch: Partial<FeedbackQuery>) =>
    setParams(writeFeedbackQuery({ ...query, ...patch, offset: "offset" in patch ? patch.offset! : 0 }), { replace: true });
  const filtered =
    query.text || query.sources.length || query.sentiments.length || query.journeyStages.length || query.themes.length || query.from || query.to;
  const common = { size: "xs", clearable: true, searchable: true } as const;
  const any = (values: readonly string[]) => (values.length ? undefined : t("cases.filters.any"));
  const total = page.data?.total ?? 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <TextInput
          size="xs"
          label={t("voc.feedback.search")}
          defaultValue={query.text ?? ""}
          onChange={(e) => update({ text: e.currentTarget.value || null })}
          maxLength={200}
          w={260}
        />
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing("new")}>
          {t("voc.feedback.new")}
        </Button>
      </Group>
      <SimpleGrid role="group" aria-label={t("voc.feedback.filtersLabel")} cols={{ base: 2, md: 3, lg: 6 }} spacing="xs">
        <MultiSelect {...common} label={t("fields.source")} placeholder={any(query.sources)} data={sourceOptions(t)} value={query.sources} onChange={(v) => update({ sources: v as FeedbackSource[] })} />
        <MultiSelect {...common} label={t("fields.sentiment")} placeholder={any(query.sentiments)} data={sentimentOptions(t)} value={query.sentiments} onChange={(v) => update({ sentiments: v as Sentiment[] })} />
        <MultiSelect {...common} label={t("fields.journeyStageId")} placeholder={any(query.journeyStages)} data={allStageOptions(t, stages.data ?? [])} value={query.journeyStages} onChange={(v) => update({ journeyStages: v })} />
        <MultiSelect {...common} label={t("fields.themes")} placeholder={any(query.themes)} data={[...new Set([...(themes.data ?? []), ...query.themes])]} value={query.themes} onChange={(v) => update({ themes: v })} />
        <TextInput size="xs" type="date" label={t("voc.feedback.from")} value={query.from ?? ""} onChange={(e) => update({ from: e.currentTarget.value || null })} />
        <TextInput size="xs" type="date" label={t("voc.feedback.to")} value={query.to ?? ""} onChange={(e) => update({ to: e.currentTarget.value || null })} />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {page.isError ? describeError(t, page.error) : t("voc.feedback.count", { count: total })}
        </Text>
        {filtered ? (
          <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t("dashboard.filters.clear")}
          </Button>
        ) : null}
      </Group>
      {page.data && page.data.rows.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t("voc.feedback.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.receivedOn")}</Table.Th>
                <Table.Th scope="col">{t("fields.feedbackText")}</Table.Th>
                <Table.Th scope="col">{t("fields.source")}</Table.Th>
                <Table.Th scope="col">{t("fields.sentiment")}</Table.Th>
                <Table.Th scope="col">{t("fields.journeyStageId")}</Table.Th>
                <Table.Th scope="col">{t("fields.themes")}</Table.Th>
                <Table.Th scope="col">{t("fields.csat")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("voc.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.rows.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.receivedOn}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3} style={{ whiteSpace: "pre-line" }}>
                      {f.text}
                    </Text>
                    {f.customerName ? (
                      <Text size="xs" c="dimmed">
                        {f.customerName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`voc.source.${f.source}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={SENTIMENT_COLOR[f.sentiment]} tt="none">
                      {t(`voc.sentiment.${f.sentiment}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{stageLabelOf(t, stages.data, f.journeyStageId) || <Text size="sm" c="dimmed">{t("common.none")}</Text>}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {f.themes.map((theme) => (
                        <Badge key={theme} variant="outline" color="gray" tt="none">
                          {theme}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{f.csat ?? <Text size="sm" c="dimmed">{t("common.none")}</Text>}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t("voc.feedback.actionsFor", { date: f.receivedOn, text: f.text.slice(0, 40) })}>
                          <IconDots size={16} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(f)}>{t("voc.edit")}</Menu.Item>
                        <Menu.Item color="red" onClick={() => setDeleting(f)}>
                          {t("voc.delete")}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : page.data ? (
        <Text c="dimmed">{filtered ? t("voc.feedback.noneMatch") : t("voc.feedback.empty")}</Text>
      ) : null}
      {total > PAGE ? (
        <Pagination
          size="sm"
          total={Math.ceil(total / PAGE)}
          value={query.offset / PAGE + 1}
          onChange={(p) => update({ offset: (p - 1) * PAGE })}
          getControlProps={(control) => ({ "aria-label": t(`voc.pagination.${control}`) })}
          getItemProps={(p) => ({ "aria-label": t("voc.pagination.page", { page: p }) })}
        />
      ) : null}
      {editing ? (
        <FeedbackDialog entry={editing === "new" ? undefined : editing} opened onClose={() => setEditing(null)} />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t("voc.feedback.deleteTitle")}
          confirmLabel={t("voc.delete")}
          confirmColor="red"
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
        >
          <Text size="sm">{t("voc.feedback.deleteText", { date: deleting.receivedOn })}</Text>
        </ConfirmDialog>
      ) : null}
    </Stack>
  );
}
