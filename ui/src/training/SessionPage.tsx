/**
 * One session: the course, day, trainer, place and places (editable), the agents
 * enrolled — enrol more from the active roster (agents who left are not offered; Rust
 * refuses them and enrolment over capacity), withdraw one — and the attendance grid.
 */
import { Anchor, Button, Group, MultiSelect, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconPencil, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import type { AgentId, SessionDetail } from "../ipc/bindings";
import { describeError, placeError } from "../ipc/errors";
import { useEnrol, useRoster, useSession, useWithdraw } from "../ipc/queries";
import { AttendanceGrid } from "./AttendanceGrid";
import { SessionDialog } from "./SessionDialog";

export function SessionPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const session = useSession(id);
  const [editing, setEditing] = useState(false);

  if (session.isError) return <Text role="alert">{describeError(t, session.error)}</Text>;
  if (!session.data) return <Text c="dimmed">{t("common.loading")}</Text>;
  const detail = session.data;
  const s = detail.session;
  const facts = [
    s.heldOn,
    t("training.sessions.trainerIs", { name: s.trainer }),
    s.place || null,
    t("training.sessions.ofCapacity", { count: s.enrolled, capacity: s.capacity }),
    detail.passMark === null ? t("training.courses.noPassMark") : t("training.sessions.passMarkIs", { mark: detail.passMark }),
  ].filter(Boolean);

  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/training/sessions" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t("training.sessions.back")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t("training.sessions.title", { title: s.courseTitle, date: s.heldOn })}
          </Title>
          <Text size="sm" c="dimmed">
            {facts.join(" · ")}
          </Text>
        </div>
        <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)}>
          {t("training.edit")}
        </Button>
      </Group>
      {s.enrolled > s.capacity ? (
        <Text size="sm" c="orange" role="status">
          {t("training.sessions.overbooked", { count: s.enrolled - s.capacity })}
        </Text>
      ) : null}
      <Enrol detail={detail} />
      <Title order={3} size="h4">
        {t("training.attendance.title")}
      </Title>
      <AttendanceGrid detail={detail} />
      <Withdraw detail={detail} />
      {editing ? <SessionDialog session={s} opened onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}

/** Enrol agents: a picker of active agents not yet enrolled, and the places left. */
function Enrol({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const roster = useRoster({ teamId: null, roleId: null, activity: "active" });
  const enrol = useEnrol(detail.session.id);
  const [picked, setPicked] = useState<AgentId[]>([]);
  const [error, setError] = useState<string | null>(null);
  const enrolled = new Set(detail.attendees.map((a) => a.agentId));
  const left = Math.max(0, detail.session.capacity - detail.session.enrolled);
  const options = (roster.data ?? [])
    .filter((a) => !enrolled.has(a.id) && !a.leftOn)
    .map((a) => ({ value: a.id, label: a.employeeId ? `${a.name} (${a.employeeId})` : a.name }));

  const submit = () => {
    setError(null);
    if (picked.length === 0) return;
    enrol.mutate(picked, {
      onSuccess: () => setPicked([]),
      onError: (e) => setError(placeError(t, e, ["agentIds"] as const).message),
    });
  };

  return (
    <Group align="flex-end" gap="xs">
      <MultiSelect
        label={t("training.sessions.enrolLabel")}
        description={t("training.sessions.placesLeft", { count: left })}
        data={options}
        value={picked}
        onChange={(v) => {
          setPicked(v);
          setError(null);
        }}
        searchable
        w={360}
        error={error}
        nothingFoundMessage={t("training.sessions.nobodyToEnrol")}
      />
      <Button size="sm" leftSection={<IconUserPlus size={14} aria-hidden />} onClick={submit} loading={enrol.isPending} disabled={picked.length === 0}>
        {t("training.sessions.enrol")}
      </Button>
    </Group>
  );
}

/** Withdraw an enrolled agent who has no result yet. */
function Withdraw({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const withdraw = useWithdraw(detail.session.id);
  const open = detail.attendees.filter((a) => !a.result);
  if (open.length === 0) return null;
  return (
    <Group gap="xs" aria-label={t("training.sessions.withdrawLabel")} role="group">
      <Text size="sm" c="dimmed">
        {t("training.sessions.withdrawLabel")}
      </Text>
      {open.map((a) => (
        <Button
          key={a.agentId}
          size="compact-xs"
          variant="subtle"
          onClick={() => withdraw.mutate(a.agentId)}
          aria-label={t("training.sessions.withdrawNamed", { name: a.name })}
        >
          {a.name}
        </Button>
      ))}
    </Group>
  );
}
