/**
 * Compare two published versions of a plan: its fields with their old and new values, and
 * the steps (by phase), contacts and templates added, removed or changed, as Rust's pure
 * diff lists them. Published versions never change, so a comparison is fetched once.
 */
import { Badge, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Change, ItemChange, PlanVersionId, Scenario, Severity, VersionSummary } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { usePlanVersionDiff } from "../ipc/queries";

const CHANGE_COLOR: Record<Change, string> = { added: "green", removed: "red", changed: "yellow" };

/** A field name of the diff in words: the plan form's and the contact form's labels. */
function fieldLabel(t: TFunction, field: string): string {
  const labels: Record<string, string> = {
    title: t("plans.fields.title"),
    scenario: t("plans.fields.scenario"),
    severity: t("plans.fields.severity"),
    owner: t("plans.fields.owner"),
    reviewDays: t("plans.fields.reviewDays"),
    drillDays: t("plans.fields.drillDays"),
    triggers: t("plans.fields.triggers"),
    thresholds: t("plans.fields.thresholds"),
    phase: t("plans.fields.phase"),
    text: t("plans.fields.text"),
    ownerRole: t("plans.fields.ownerRole"),
    offsetMinutes: t("plans.fields.offsetMinutes"),
    required: t("plans.fields.required"),
    name: t("plans.fields.contactName"),
    role: t("plans.fields.contactRole"),
    phone: t("plans.fields.phone"),
    mobile: t("plans.fields.mobile"),
    email: t("plans.fields.email"),
    backupId: t("plans.fields.backup"),
    kind: t("plans.fields.templateKind"),
    body: t("plans.fields.templateBody"),
  };
  return labels[field] ?? field;
}

/** A plan field's value in words: scenario and severity are codes. */
function fieldValue(t: TFunction, field: string, value: string): string {
  if (!value) return t("common.none");
  if (field === "scenario") return t(`plans.scenario.${value as Scenario}`);
  if (field === "severity") return t(`plans.severity.${value as Severity}`);
  return value;
}

function Items({ title, items }: { title: string; items: ItemChange[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: "none" }}>
        {items.map((item, i) => (
          <Group component="li" key={i} gap="xs" wrap="nowrap" align="flex-start">
            <Badge size="sm" variant="light" color={CHANGE_COLOR[item.change]} tt="none">
              {t(`plans.diff.change.${item.change}`)}
            </Badge>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm">
                {item.phase ? `${t(`plans.phase.${item.phase}`)} · ` : ""}
                {item.label}
                {item.oldLabel ? ` ${t("plans.diff.was", { label: item.oldLabel })}` : ""}
              </Text>
              {item.fields.length > 0 ? (
                <Text size="xs" c="dimmed">
                  {t("plans.diff.fields", { fields: item.fields.map((f) => fieldLabel(t, f)).join(", ") })}
                </Text>
              ) : null}
            </Stack>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

export function VersionDiff({ versions }: { versions: VersionSummary[] }) {
  const { t } = useTranslation();
  const [older, setOlder] = useState<PlanVersionId | null>(versions.at(-2)?.id ?? null);
  const [newer, setNewer] = useState<PlanVersionId | null>(versions.at(-1)?.id ?? null);
  const diff = usePlanVersionDiff(older, newer);
  const options = versions.map((v) => ({ value: v.id, label: t("plans.diff.version", { number: v.number }) }));
  const d = diff.data;
  const empty = d && d.fields.length + d.steps.length + d.contacts.length + d.templates.length === 0;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-diff-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="plan-diff-title">
          {t("plans.diff.title")}
        </Title>
        <Group gap="sm">
          <Select label={t("plans.diff.older")} data={options} value={older} onChange={setOlder} allowDeselect={false} />
          <Select label={t("plans.diff.newer")} data={options} value={newer} onChange={setNewer} allowDeselect={false} />
        </Group>
        {older === newer ? (
          <Text size="sm" c="dimmed">
            {t("plans.diff.same")}
          </Text>
        ) : diff.isError ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, diff.error)}
          </Text>
        ) : empty ? (
          <Text size="sm" c="dimmed">
            {t("plans.diff.none")}
          </Text>
        ) : d ? (
          <Stack gap="sm" aria-live="polite">
            {d.fields.length > 0 ? (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t("plans.diff.planFields")}
                </Text>
                <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: "none" }}>
                  {d.fields.map((f) => (
                    <Text component="li" size="sm" key={f.field}>
                      {t("plans.diff.fieldChange", {
                        field: fieldLabel(t, f.field),
                        old: fieldValue(t, f.field, f.old),
                        new: fieldValue(t, f.field, f.new),
                      })}
                    </Text>
                  ))}
                </Stack>
              </Stack>
            ) : null}
            <Items title={t("plans.diff.steps")} items={d.steps} />
            <Items title={t("plans.contact.title")} items={d.contacts} />
            <Items title={t("plans.template.title")} items={d.templates} />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
