/**
 * A plan: its fields, its four phases of steps (the draft), publish, start a run, its
 * versions and runs, and the action items its runs left open.
 */
import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconPencil, IconPlayerPlay, IconPrinter, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import { formatDateTime } from "../cases/time";
import type { Phase, PlanContact, PlanDetail, Step, Template } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { usePlan, usePublishPlan } from "../ipc/queries";
import { KindBadge, SeverityBadge, StatusBadge } from "./Badges";
import { ContactDialog } from "./ContactDialog";
import { PHASES } from "./model";
import { useStepArticles } from "../knowledge/WorkLinks";
import { PhaseSteps } from "./PhaseSteps";
import { PlanActionItems } from "./PlanActionItems";
import { PlanContacts } from "./PlanContacts";
import { PlanDialog } from "./PlanDialog";
import { PlanTemplates } from "./PlanTemplates";
import { RunDialog } from "./RunDialog";
import { StepDialog } from "./StepDialog";
import { TemplateDialog } from "./TemplateDialog";
import { VersionDiff } from "./VersionDiff";

type Editing =
  | { kind: "plan" }
  | { kind: "run" }
  | { kind: "step"; phase: Phase; step?: Step }
  | { kind: "contact"; contact?: PlanContact }
  | { kind: "template"; template?: Template }
  | null;

export function PlanPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const plan = usePlan(id);
  if (plan.isError) return <Text role="alert">{describeError(t, plan.error)}</Text>;
  if (!plan.data) return <Text c="dimmed">{t("common.loading")}</Text>;
  return <PlanView plan={plan.data} />;
}

function PlanView({ plan }: { plan: PlanDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const publish = usePublishPlan();
  const [editing, setEditing] = useState<Editing>(null);
  const f = plan.content.fields;
  const latest = plan.versions.at(-1);
  const articles = useStepArticles(plan.id);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/plans" size="sm">
        {t("plans.plan.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {f.title}
          </Title>
          <Group gap="xs">
            <Text size="sm">{t(`plans.scenario.${f.scenario}`)}</Text>
            <SeverityBadge severity={f.severity} />
            <StatusBadge status={plan.status} />
            {latest ? (
              <Text size="sm" c="dimmed">
                {t("plans.plan.version", { number: latest.number, time: formatDateTime(i18n.language, latest.publishedAt) })}
              </Text>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" component={Link} to={`/print/plans/${plan.id}`} leftSection={<IconPrinter size={14} aria-hidden />}>
            {t("plans.print.printPlan")}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing({ kind: "plan" })}>
            {t("plans.plan.edit")}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUpload size={14} aria-hidden />}
            loading={publish.isPending}
            disabled={plan.status === "published"}
            onClick={() => publish.mutate(plan.id)}
          >
            {t("plans.plan.publish")}
          </Button>
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={14} aria-hidden />}
            disabled={plan.versions.length === 0}
            onClick={() => setEditing({ kind: "run" })}
          >
            {t("plans.run.start")}
          </Button>
        </Group>
      </Group>
      {publish.isError ? (
        <Text size="sm" c="red" role="alert">
          {describeError(t, publish.error)}
        </Text>
      ) : null}
      {plan.versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("plans.plan.unpublishedHint")}
        </Text>
      ) : null}
      <PlanActionItems plan={plan.id} />
      <Stack gap={2}>
        <Text size="sm">{t("plans.plan.owner", { owner: f.owner || t("common.none") })}</Text>
        <Text size="sm">{t("plans.plan.intervals", { review: f.reviewDays, drill: f.drillDays })}</Text>
        {f.triggers ? <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{t("plans.plan.triggers", { text: f.triggers })}</Text> : null}
        {f.thresholds ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {t("plans.plan.thresholds", { text: f.thresholds })}
          </Text>
        ) : null}
      </Stack>
      {PHASES.map((phase) => (
        <PhaseSteps
          key={phase}
          phase={phase}
          steps={plan.content.steps.filter((s) => s.phase === phase)}
          articles={articles}
          onAdd={() => setEditing({ kind: "step", phase })}
          onEdit={(step) => setEditing({ kind: "step", phase, step })}
        />
      ))}
      <PlanContacts
        contacts={plan.content.contacts}
        onAdd={() => setEditing({ kind: "contact" })}
        onEdit={(contact) => setEditing({ kind: "contact", contact })}
      />
      <PlanTemplates
        templates={plan.content.templates}
        onAdd={() => setEditing({ kind: "template" })}
        onEdit={(template) => setEditing({ kind: "template", template })}
      />
      {plan.versions.length >= 2 ? <VersionDiff versions={plan.versions} /> : null}
      {plan.runs.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="plan-runs-title">
          <Title order={3} size="h5" id="plan-runs-title">
            {t("plans.plan.runs")}
          </Title>
          {plan.runs.map((r) => (
            <Group key={r.id} gap="sm">
              <KindBadge kind={r.kind} />
              <Anchor component={Link} to={`/plans/runs/${r.id}`}>
                {formatDateTime(i18n.language, r.startedAt)}
              </Anchor>
              <Text size="sm" c="dimmed">
                {r.closedAt ? t("plans.run.closedAt", { time: formatDateTime(i18n.language, r.closedAt) }) : t("plans.run.open")}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
      {editing?.kind === "plan" ? <PlanDialog plan={plan} opened onClose={() => setEditing(null)} /> : null}
      {editing?.kind === "step" ? (
        <StepDialog plan={plan.id} phase={editing.phase} step={editing.step} opened onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === "contact" ? (
        <ContactDialog plan={plan.id} contact={editing.contact} contacts={plan.content.contacts} opened onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === "template" ? (
        <TemplateDialog plan={plan.id} template={editing.template} opened onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === "run" ? (
        <RunDialog plan={plan.id} opened onClose={() => setEditing(null)} onStarted={(run) => void navigate(`/plans/runs/${run}`)} />
      ) : null}
    </Stack>
  );
}
