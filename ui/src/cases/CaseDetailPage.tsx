/**
 * One case: its title (the page heading) and reference, what can be done to it now
 * (status moves offered only from `nextStatuses`; assign, escalate, edit, call-back,
 * notes, contacts and tags only as `allowedActions` says: core's rule, which refuses the
 * rest), its timeline, SLA and details. Resolving asks for root cause and summary, then
 * offers to schedule the call-back.
 */
import { Alert, Anchor, Badge, Button, Center, Grid, Group, Loader, Menu, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconBellMinus,
  IconBellRinging,
  IconChevronDown,
  IconEdit,
  IconPhoneCheck,
  IconPhonePlus,
  IconUserPlus,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";

import type { CaseAction, CaseDetail, CaseStatus } from "../ipc/bindings";
import { CaseArticles } from "../knowledge/CaseArticles";
import { CaseQa } from "../qa/CaseQa";
import { CaseRuns } from "../plans/CaseRuns";
import { describeError } from "../ipc/errors";
import { useCase, useTransitionCase } from "../ipc/queries";
import { PriorityBadge, StatusBadge, VipMark } from "./badges";
import { CaseFacts } from "./CaseFacts";
import { AssignDialog } from "./dialogs/AssignDialog";
import { RecordCallbackDialog, ScheduleCallbackDialog } from "./dialogs/CallbackDialogs";
import { EditCaseDialog } from "./dialogs/EditCaseDialog";
import { DeEscalateDialog, EscalateDialog } from "./dialogs/EscalateDialogs";
import { LogContactDialog } from "./dialogs/LogContactDialog";
import { ResolveDialog } from "./dialogs/ResolveDialog";
import { SlaPanel } from "./SlaPanel";
import { formatDateTime } from "./time";
import { Timeline } from "./Timeline";

type Dialog =
  | "resolve"
  | "schedule"
  | "scheduleAfterResolve"
  | "record"
  | "assign"
  | "escalate"
  | "deEscalate"
  | "edit"
  | "contact"
  | null;

function StatusMenu({ detail, onResolve }: { detail: CaseDetail; onResolve: () => void }) {
  const { t } = useTranslation();
  const transition = useTransitionCase(detail.case.id);

  const move = (to: CaseStatus) => {
    if (to === "resolved") {
      onResolve();
      return;
    }
    transition.mutate(
      { to, resolution: null },
      {
        onSuccess: () =>
          notifications.show({
            message: t("cases.detail.statusChanged", { status: t(`cases.status.${to}`) }),
            color: "teal",
          }),
        onError: (e) => notifications.show({ message: describeError(t, e), color: "red" }),
      },
    );
  };

  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={transition.isPending}
          disabled={detail.nextStatuses.length === 0}
        >
          {t("cases.detail.changeStatus")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {detail.nextStatuses.map((status) => (
          <Menu.Item key={status} onClick={() => move(status)}>
            {t(`cases.status.${status}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function CaseView({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const kase = detail.case;
  const close = () => setDialog(null);
  const can = (action: CaseAction) => detail.allowedActions.includes(action);
  const callbackOpen = kase.followUp.dueAt !== null && kase.followUp.doneAt === null;
  const backTo = typeof location.state === "object" && location.state && "from" in location.state
    ? String((location.state as { from: unknown }).from)
    : "/cases";

  return (
    <Stack gap="md">
      <Anchor component={Link} to={backTo} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t("cases.detail.back")}
        </Group>
      </Anchor>

      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <Text ff="monospace" size="sm" c="dimmed" data-testid="case-reference">
              {kase.reference}
            </Text>
            <StatusBadge status={kase.status} size="md" />
            <PriorityBadge priority={kase.priority} size="md" withName />
            {kase.customerVip && <VipMark />}
            {kase.escalation && (
              <Badge color="grape" variant="light" radius="sm" tt="none" leftSection={<IconBellRinging size={12} aria-hidden />}>
                {t("cases.detail.escalationValue", {
                  department: kase.escalation.department,
                  level: kase.escalation.level,
                })}
              </Badge>
            )}
          </Group>
          <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
            {kase.title}
          </Title>
          <Text size="sm" c="dimmed">
            {[
              kase.customerName,
              t(`cases.channel.${kase.channel}`),
              kase.category || null,
              formatDateTime(i18n.language, kase.createdAt),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
          <Group gap="xs" mt={4} role="toolbar" aria-label={t("cases.detail.actions")}>
            <StatusMenu detail={detail} onResolve={() => setDialog("resolve")} />
            {can("assign") && (
              <Button variant="default" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setDialog("assign")}>
                {t("cases.detail.assign")}
              </Button>
            )}
            {can("escalate") && (
              <Button variant="default" leftSection={<IconBellRinging size={16} aria-hidden />} onClick={() => setDialog("escalate")}>
                {t("cases.detail.escalate")}
              </Button>
            )}
            {kase.escalation && can("de_escalate") && (
              <Button variant="default" leftSection={<IconBellMinus size={16} aria-hidden />} onClick={() => setDialog("deEscalate")}>
                {t("cases.detail.deEscalate")}
              </Button>
            )}
            {can("edit") && (
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setDialog("edit")}>
                {t("cases.detail.edit")}
              </Button>
            )}
            {can("schedule_callback") && (
              <Button variant="default" leftSection={<IconPhonePlus size={16} aria-hidden />} onClick={() => setDialog("schedule")}>
                {t("cases.detail.scheduleCallback")}
              </Button>
            )}
            {callbackOpen && can("record_callback") && (
              <Button variant="light" color="orange" leftSection={<IconPhoneCheck size={16} aria-hidden />} onClick={() => setDialog("record")}>
                {t("cases.detail.recordCallback")}
              </Button>
            )}
          </Group>
          {kase.status === "closed" && (
            <Text size="sm" c="dimmed">
              {t("cases.detail.closedReadOnly")}
            </Text>
          )}
        </Stack>
      </Paper>

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <Paper component="section" withBorder radius="md" p="md" aria-label={t("cases.detail.description")}>
              <Title order={2} size="h5" mb={6}>
                {t("cases.detail.description")}
              </Title>
              <Text size="sm" c={kase.description ? undefined : "dimmed"} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {kase.description || t("cases.detail.noDescription")}
              </Text>
            </Paper>
            <Timeline
              caseId={kase.id}
              events={detail.timeline}
              canAddNote={can("add_note")}
              onLogContact={can("log_contact") ? () => setDialog("contact") : undefined}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <SlaPanel sla={detail.sla} />
            <CaseFacts kase={kase} canEditTags={can("set_tags")} />
            <CaseArticles caseId={kase.id} />
            <CaseQa caseId={kase.id} assignee={kase.assigneeId} />
            <CaseRuns caseId={kase.id} />
          </Stack>
        </Grid.Col>
      </Grid>

      {/* Each dialog mounts when opened, so it starts from the case as it is now. */}
      {dialog === "resolve" && (
        <ResolveDialog caseId={kase.id} opened onClose={close} onResolved={() => setDialog("scheduleAfterResolve")} />
      )}
      {(dialog === "schedule" || dialog === "scheduleAfterResolve") && (
        <ScheduleCallbackDialog caseId={kase.id} opened onClose={close} afterResolve={dialog === "scheduleAfterResolve"} />
      )}
      {dialog === "record" && <RecordCallbackDialog caseId={kase.id} opened onClose={close} />}
      {dialog === "assign" && <AssignDialog kase={kase} opened onClose={close} />}
      {dialog === "escalate" && <EscalateDialog kase={kase} opened onClose={close} />}
      {dialog === "deEscalate" && <DeEscalateDialog kase={kase} opened onClose={close} />}
      {dialog === "edit" && <EditCaseDialog kase={kase} opened onClose={close} />}
      {dialog === "contact" && (
        <LogContactDialog caseId={kase.id} defaultChannel={kase.channel} opened onClose={close} />
      )}
    </Stack>
  );
}

export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const detail = useCase(id);

  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (detail.isError) {
    return (
      <Stack gap="md" maw={720}>
        <Anchor component={Link} to="/cases" size="sm" w="fit-content">
          {t("cases.detail.back")}
        </Anchor>
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("cases.detail.loadFailed")}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(t, detail.error)}</Text>
            <Button size="xs" variant="default" onClick={() => void detail.refetch()}>
              {t("common.retry")}
            </Button>
          </Stack>
        </Alert>
      </Stack>
    );
  }
  return <CaseView detail={detail.data} />;
}
