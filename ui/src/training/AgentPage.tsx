/**
 * One agent's training: who they are (team, role, hired, left) and every record, the
 * latest first, each with its status in words and an icon — valid, expiring within 30
 * days, expired or failed — worked out by Rust for today — and its certificate file, if
 * one is attached (a record entered without a session may carry one). "Add record"
 * appends one.
 * Below, the courses the agent is exempt from, with the reason; ended with one button;
 * then their case KPIs of the last 30 days, their QA evaluations and trend, and their
 * coaching: the agent's profile on one page.
 */
import { Anchor, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconArrowLeft, IconPlus, IconShieldCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { describeError } from "../ipc/errors";
import { CoachingSection } from "../coaching/CoachingSection";
import { AgentKpis } from "./AgentKpis";
import { AgentQa } from "../qa/AgentQa";
import { useAttachments, useCourses, useEndExemption, useExemptions, useRoles, useTrainingHistory } from "../ipc/queries";
import { ExemptionDialog } from "./ExemptionDialog";
import { RecordAttachment } from "./RecordAttachment";
import { RecordDialog } from "./RecordDialog";
import { StatusBadge } from "./StatusBadge";
import { roleLabelOf } from "./model";

export function AgentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const history = useTrainingHistory(id);
  const roles = useRoles();
  const exemptions = useExemptions(id);
  const courses = useCourses();
  const endExemption = useEndExemption();
  const attachments = useAttachments(id);
  const [adding, setAdding] = useState(false);
  const [exempting, setExempting] = useState(false);
  const none = <Text size="sm" c="dimmed">{t("common.none")}</Text>;

  if (history.isError) return <Text role="alert">{describeError(t, history.error)}</Text>;
  if (!history.data) return <Text c="dimmed">{t("common.loading")}</Text>;
  const { agent, records } = history.data;
  const facts = [
    agent.employeeId ? t("training.agent.employeeId", { id: agent.employeeId }) : null,
    agent.teamName,
    roleLabelOf(t, roles.data, agent.roleId) || null,
    agent.hiredOn ? t("training.agent.hiredOn", { date: agent.hiredOn }) : null,
    agent.leftOn ? t("training.people.leftOn", { date: agent.leftOn }) : null,
  ].filter(Boolean);

  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/training/people" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t("training.agent.back")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {agent.name}
          </Title>
          <Text size="sm" c="dimmed">
            {facts.join(" · ")}
          </Text>
        </div>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconShieldCheck size={14} aria-hidden />} onClick={() => setExempting(true)}>
            {t("training.exemptions.new")}
          </Button>
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(true)}>
            {t("training.records.new")}
          </Button>
        </Group>
      </Group>
      {records.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t("training.records.tableLabel", { name: agent.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.courseId")}</Table.Th>
                <Table.Th scope="col">{t("fields.completedOn")}</Table.Th>
                <Table.Th scope="col">{t("fields.score")}</Table.Th>
                <Table.Th scope="col">{t("training.records.expiresOn")}</Table.Th>
                <Table.Th scope="col">{t("training.records.status")}</Table.Th>
                <Table.Th scope="col">{t("fields.issuer")}</Table.Th>
                <Table.Th scope="col">{t("training.attachments.column")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw="normal">
                    {r.courseTitle || none}
                    {r.note ? (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-line" }}>
                        {r.note}
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{r.completedOn}</Table.Td>
                  <Table.Td>{r.score ?? none}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{r.expiresOn ?? t("training.courses.neverExpires")}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.issuer || t("training.records.internal")}</Table.Td>
                  <Table.Td>
                    <RecordAttachment record={r} attachment={attachments.data?.find((a) => a.recordId === r.id)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text c="dimmed">{t("training.records.empty")}</Text>
      )}
      <Title order={3} size="h4">
        {t("training.exemptions.title")}
      </Title>
      {endExemption.isError ? (
        <Text size="sm" role="alert">
          {describeError(t, endExemption.error)}
        </Text>
      ) : null}
      {exemptions.data && exemptions.data.length > 0 ? (
        <Table striped aria-label={t("training.exemptions.tableLabel", { name: agent.name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("fields.courseId")}</Table.Th>
              <Table.Th scope="col">{t("fields.reason")}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t("training.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {exemptions.data.map((e) => {
              const title = courses.data?.find((c) => c.id === e.courseId)?.title ?? "";
              return (
                <Table.Tr key={e.courseId}>
                  <Table.Th scope="row" fw="normal">
                    {title || none}
                  </Table.Th>
                  <Table.Td>{e.reason}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={t("training.exemptions.endNamed", { title })}
                      loading={endExemption.isPending && endExemption.variables?.course === e.courseId}
                      onClick={() => endExemption.mutate({ agent: agent.id, course: e.courseId })}
                    >
                      {t("training.exemptions.end")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : exemptions.data ? (
        <Text size="sm" c="dimmed">
          {t("training.exemptions.empty")}
        </Text>
      ) : null}
      <AgentKpis agent={agent} />
      <AgentQa agent={agent} />
      <CoachingSection agent={agent} />
      {adding ? <RecordDialog agent={agent} opened onClose={() => setAdding(false)} /> : null}
      {exempting ? <ExemptionDialog agent={agent} opened onClose={() => setExempting(false)} /> : null}
    </Stack>
  );
}
