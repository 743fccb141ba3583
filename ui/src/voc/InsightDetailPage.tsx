/**
 * One insight: its finding, requested change, status (moved along its workflow), review
 * date and evidence (cases and feedback, each removable), with the hand-over: a printable
 * page, or a Markdown or HTML file saved where the user chooses.
 */
import { Alert, Anchor, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconChevronDown, IconDownload, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import type { InsightDetail } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import {
  saveHandover,
  useDeleteInsight,
  useInsight,
  useJourneyStages,
  useSetInsightStatus,
  useUnlinkEvidence,
} from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { InsightDialog } from "./InsightDialog";
import { STATUS_COLOR } from "./InsightsPage";
import { handoverHtml, handoverMarkdown } from "./handover";
import { stageLabelOf } from "./stages";

function fileName(title: string, ext: string): string {
  const base = title.replace(/[\\/:*?"<>|\r\n]+/g, " ").trim().slice(0, 80) || "insight";
  return `${base}.${ext}`;
}

function Export({ detail }: { detail: InsightDetail }) {
  const { t, i18n } = useTranslation();
  const stages = useJourneyStages();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const saveAs = async (format: "md" | "html") => {
    setNote(null);
    const render = format === "md" ? handoverMarkdown : handoverHtml;
    try {
      // Rust opens the save dialog; null: the user closed it.
      const path = await saveHandover(fileName(detail.insight.title, format), render(t, i18n.language, detail, stages.data ?? []));
      if (path) setNote({ ok: true, text: t("voc.handover.saved", { path }) });
    } catch (e) {
      setNote({ ok: false, text: describeError(t, e) });
    }
  };
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          component={Link}
          to={`/print/insights/${detail.insight.id}`}
          leftSection={<IconPrinter size={14} aria-hidden />}
        >
          {t("voc.handover.print")}
        </Button>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
              {t("voc.handover.saveAs")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void saveAs("md")}>{t("voc.handover.format.md")}</Menu.Item>
            <Menu.Item onClick={() => void saveAs("html")}>{t("voc.handover.format.html")}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {note ? (
        <Text size="xs" c={note.ok ? "dimmed" : "red"} role={note.ok ? "status" : "alert"}>
          {note.text}
        </Text>
      ) : null}
    </Stack>
  );
}

export function InsightDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const insight = useInsight(id);
  const stages = useJourneyStages();
  const move = useSetInsightStatus(id);
  const unlink = useUnlinkEvidence(id);
  const remove = useDeleteInsight();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (insight.isError) {
    return (
      <Alert color="red" variant="light" title={t("voc.insights.loadFailed")}>
        {describeError(t, insight.error)}
      </Alert>
    );
  }
  const d = insight.data;
  if (!d) return <Text>{t("voc.loading")}</Text>;
  const i = d.insight;
  const actionError = move.error ?? unlink.error;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/voice/insights" size="sm">
        {t("voc.insights.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {i.title}
          </Title>
          <Group gap="xs">
            <Badge variant="light" color={STATUS_COLOR[i.status]} tt="none">
              {t(`voc.insightStatus.${i.status}`)}
            </Badge>
            <Text size="sm">{t(`voc.department.${i.department}`)}</Text>
            <Text size="sm" c={i.overdue ? "red" : "dimmed"}>
              {i.reviewOn ? t("voc.insights.reviewBy", { day: i.reviewOn }) : t("voc.insights.noReview")}
              {i.overdue ? ` (${t("voc.insights.overdue")})` : ""}
            </Text>
          </Group>
        </Stack>
        <Export detail={d} />
      </Group>
      <Group gap="xs" role="group" aria-label={t("voc.insights.actionsLabel")}>
        <Button size="xs" variant="default" onClick={() => setEditing(true)}>
          {t("voc.edit")}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(true)}>
          {t("voc.delete")}
        </Button>
        {d.nextStatuses.map((to) => (
          <Button key={to} size="xs" variant="light" loading={move.isPending && move.variables === to} onClick={() => move.mutate(to)}>
            {t(`voc.insights.moveTo.${to}`)}
          </Button>
        ))}
      </Group>
      {actionError ? (
        <Text size="sm" c="red" role="alert">
          {describeError(t, actionError)}
        </Text>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <div>
            <Title order={3} size="h5">
              {t("voc.handover.finding")}
            </Title>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {i.finding || t("common.none")}
            </Text>
          </div>
          <div>
            <Title order={3} size="h5">
              {t("voc.handover.requestedChange")}
            </Title>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {i.requestedChange || t("common.none")}
            </Text>
          </div>
        </Stack>
      </Paper>
      <Title order={3} size="h5">
        {t("voc.handover.cases")} ({d.cases.length})
      </Title>
      {d.cases.length ? (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t("voc.handover.cases")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.ref")}</Table.Th>
                <Table.Th scope="col">{t("fields.title")}</Table.Th>
                <Table.Th scope="col">{t("fields.status")}</Table.Th>
                <Table.Th scope="col">{t("fields.rootCause")}</Table.Th>
                <Table.Th scope="col">{t("fields.csat")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("voc.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
                      {c.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>{t(`cases.status.${c.status}`)}</Table.Td>
                  <Table.Td>{c.rootCause ?? ""}</Table.Td>
                  <Table.Td>{c.csat ?? ""}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t("voc.insights.unlinkCase", { ref: c.reference })}
                      onClick={() => unlink.mutate({ caseIds: [c.id], feedbackIds: [] })}
                    >
                      {t("voc.insights.unlink")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t("voc.insights.noCases")}
        </Text>
      )}
      <Title order={3} size="h5">
        {t("voc.handover.feedback")} ({d.feedback.length})
      </Title>
      {d.feedback.length ? (
        <Stack gap="xs">
          {d.feedback.map((f) => (
            <Paper key={f.id} withBorder p="xs" radius="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="xs" c="dimmed">
                    {[f.receivedOn, t(`voc.source.${f.source}`), t(`voc.sentiment.${f.sentiment}`), stageLabelOf(t, stages.data, f.journeyStageId), f.themes.join(", ")]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {f.text}
                  </Text>
                </div>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={t("voc.insights.unlinkFeedback", { date: f.receivedOn })}
                  onClick={() => unlink.mutate({ caseIds: [], feedbackIds: [f.id] })}
                >
                  {t("voc.insights.unlink")}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("voc.insights.noFeedback")}
        </Text>
      )}
      {editing ? <InsightDialog opened insight={i} onClose={() => setEditing(false)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t("voc.insights.deleteTitle")}
          confirmLabel={t("voc.delete")}
          confirmColor="red"
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(i.id, { onSuccess: () => void navigate("/voice/insights") })}
          onClose={() => {
            remove.reset();
            setDeleting(false);
          }}
        >
          <Text size="sm">{t("voc.insights.deleteText", { title: i.title })}</Text>
        </ConfirmDialog>
      ) : null}
    </Stack>
  );
}
