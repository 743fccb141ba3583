/**
 * The case's facts beside its timeline: customer, assignment, escalation, tags (edited
 * in place), resolution, call-back and satisfaction, handle time and dates.
 */
import { Anchor, Badge, Divider, Group, Paper, Select, Stack, TagsInput, Text, Title } from "@mantine/core";
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { LIMITS, type Case } from "../ipc/bindings";
import { placeError } from "../ipc/errors";
import { useCaseTags, useJourneyStages, useSetCaseStage, useSetCaseTags } from "../ipc/queries";
import { stageLabelOf, stageOptions } from "../voc/stages";
import { formatDateTime, formatDuration } from "./time";
import { VipMark } from "./badges";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ textAlign: "right", minWidth: 0, overflowWrap: "anywhere" }}>{children}</div>
    </Group>
  );
}

function None() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t("common.none")}
    </Text>
  );
}

function TagsEditor({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const setTags = useSetCaseTags(kase.id);
  const suggestions = useCaseTags();
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<string[] | null>(null);
  const value = draft ?? kase.tags;

  return (
    <TagsInput
      label={t("fields.tags")}
      placeholder={t("cases.detail.tagsPlaceholder")}
      data={suggestions.data ?? []}
      value={value}
      onChange={(tags) => {
        setDraft(tags);
        setError(null);
        setTags.mutate(tags, {
          onSuccess: () => setDraft(null),
          // The typed tags stay in the field so nothing is lost.
          onError: (e) => setError(placeError(t, e, ["tags"] as const).message),
        });
      }}
      error={error ?? undefined}
      maxTags={LIMITS.tagsMax}
      size="sm"
      clearable
      splitChars={[","]}
    />
  );
}

/** Where in the customer's journey the case arose: chosen in place, saved at once. */
function StageEditor({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const stages = useJourneyStages();
  const setStage = useSetCaseStage(kase.id);
  const [error, setError] = useState<string | null>(null);
  return (
    <Select
      label={t("fields.journeyStageId")}
      placeholder={t("common.none")}
      data={stageOptions(t, stages.data ?? [], kase.journeyStageId)}
      value={kase.journeyStageId}
      onChange={(stage) => {
        setError(null);
        setStage.mutate(stage, { onError: (e) => setError(placeError(t, e, ["journeyStageId"] as const).message) });
      }}
      error={error ?? undefined}
      size="sm"
      clearable
      disabled={setStage.isPending}
    />
  );
}

function Stage({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const stages = useJourneyStages();
  const label = stageLabelOf(t, stages.data, kase.journeyStageId);
  return <Fact label={t("fields.journeyStageId")}>{label ? <Text size="sm">{label}</Text> : <None />}</Fact>;
}

function Tags({ tags }: { tags: string[] }) {
  const { t } = useTranslation();
  return (
    <Fact label={t("fields.tags")}>
      {tags.length === 0 ? (
        <None />
      ) : (
        <Group gap={4} justify="flex-end">
          {tags.map((tag) => (
            <Badge key={tag} variant="light" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
    </Fact>
  );
}

/** `canEditTags`: the case's status allows changing its tags; otherwise they are only shown. */
export function CaseFacts({ kase, canEditTags }: { kase: Case; canEditTags: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const when = (iso: string | null) => (iso ? <Text size="sm">{formatDateTime(i18n.language, iso)}</Text> : <None />);
  const { followUp, satisfaction } = kase;

  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId} mb="sm">
        {t("cases.detail.details")}
      </Title>
      <Stack gap={8}>
        <Fact label={t("fields.customerId")}>
          {kase.customerId ? (
            <Group gap={4} justify="flex-end" wrap="nowrap">
              <Anchor component={Link} to={`/customers/${kase.customerId}`} size="sm">
                {kase.customerName}
              </Anchor>
              {kase.customerVip && <VipMark />}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t("cases.list.noCustomer")}
            </Text>
          )}
        </Fact>
        <Fact label={t("fields.assignee")}>
          {kase.assigneeName ? <Text size="sm">{kase.assigneeName}</Text> : (
            <Text size="sm" c="dimmed" fs="italic">
              {t("cases.list.unassigned")}
            </Text>
          )}
        </Fact>
        <Fact label={t("cases.detail.team")}>{kase.teamName ? <Text size="sm">{kase.teamName}</Text> : <None />}</Fact>
        <Fact label={t("cases.detail.escalation")}>
          {kase.escalation ? (
            <Stack gap={0} align="flex-end">
              <Text size="sm">
                {t("cases.detail.escalationValue", {
                  department: kase.escalation.department,
                  level: kase.escalation.level,
                })}
              </Text>
              <Text size="xs" c="dimmed">
                {kase.escalation.reason}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t("cases.detail.notEscalated")}
            </Text>
          )}
        </Fact>
        {canEditTags ? <StageEditor kase={kase} /> : <Stage kase={kase} />}
        {canEditTags ? <TagsEditor kase={kase} /> : <Tags tags={kase.tags} />}

        <Divider my={4} />
        <Fact label={t("cases.detail.created")}>{when(kase.createdAt)}</Fact>
        <Fact label={t("cases.detail.updated")}>{when(kase.updatedAt)}</Fact>
        <Fact label={t("cases.detail.firstResponseAt")}>{when(kase.firstResponseAt)}</Fact>
        <Fact label={t("cases.detail.resolvedAt")}>{when(kase.resolvedAt)}</Fact>
        <Fact label={t("cases.detail.handleTime")}>
          <Text size="sm">{formatDuration(t, kase.handleSeconds / 60)}</Text>
        </Fact>

        {(kase.rootCause || kase.resolutionSummary) && (
          <>
            <Divider my={4} label={t("cases.detail.resolution")} labelPosition="left" />
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t("fields.rootCause")}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {kase.rootCause}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t("fields.resolutionSummary")}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {kase.resolutionSummary}
              </Text>
            </Stack>
          </>
        )}

        <Divider my={4} label={t("cases.detail.followUp")} labelPosition="left" />
        {followUp.dueAt === null ? (
          <Text size="sm" c="dimmed">
            {t("cases.detail.noCallback")}
          </Text>
        ) : (
          <Stack gap={2}>
            <Text size="sm">{t("cases.detail.callbackDue", { time: formatDateTime(i18n.language, followUp.dueAt) })}</Text>
            {followUp.doneAt && (
              <Text size="sm">{t("cases.detail.callbackDone", { time: formatDateTime(i18n.language, followUp.doneAt) })}</Text>
            )}
            {followUp.outcome && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                {followUp.outcome}
              </Text>
            )}
          </Stack>
        )}
        {(satisfaction.csat !== null || satisfaction.nps !== null || satisfaction.comment) && (
          <Fact label={t("cases.detail.satisfaction")}>
            <Group gap={4} justify="flex-end">
              {satisfaction.csat !== null && (
                <Badge variant="light" color={satisfaction.csat >= 4 ? "teal" : satisfaction.csat <= 2 ? "red" : "yellow"} tt="none">
                  {t("cases.detail.csatValue", { value: satisfaction.csat })}
                </Badge>
              )}
              {satisfaction.nps !== null && (
                <Badge variant="light" color={satisfaction.nps >= 9 ? "teal" : satisfaction.nps <= 6 ? "red" : "yellow"} tt="none">
                  {t("cases.detail.npsValue", { value: satisfaction.nps })}
                </Badge>
              )}
            </Group>
            {satisfaction.comment && (
              <Text size="xs" c="dimmed" mt={2}>
                “{satisfaction.comment}”
              </Text>
            )}
          </Fact>
        )}
      </Stack>
    </Paper>
  );
}
