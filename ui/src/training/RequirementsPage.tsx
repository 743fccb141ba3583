/**
 * The requirements table: for each course (rows) and each live role (columns), whether
 * the role must take it (required), should (recommended) or neither, and for a required
 * course the grace days a new hire has after their hire date. Each cell is saved as soon
 * as it changes (it is a value of its own, merged on its own); a refusal is said in the
 * status line and the cell shows what Rust holds.
 */
import { Group, NativeSelect, NumberInput, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Course, Requirement, RequirementLevel, Role } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCourses, useRequirements, useRoles, useSetRequirement } from "../ipc/queries";
import { LEVELS, roleLabel } from "./model";

/** What a grace-days field shows before anything is saved. */
const DEFAULT_GRACE_DAYS = 30;

function RequirementCell({ course, role, held }: { course: Course; role: Role; held: Requirement | undefined }) {
  const { t } = useTranslation();
  const save = useSetRequirement();
  const level: RequirementLevel = held?.level ?? "none";
  const grace = held?.graceDays ?? DEFAULT_GRACE_DAYS;
  const [draft, setDraft] = useState<number | null>(null);
  const names = { course: course.title, role: roleLabel(t, role) };
  const set = (patch: Partial<Requirement>) =>
    save.mutate({ roleId: role.id, courseId: course.id, level, graceDays: grace, ...patch });

  return (
    <Stack gap={4}>
      <NativeSelect
        size="xs"
        aria-label={t("training.requirements.levelOf", names)}
        data={LEVELS.map((l) => ({ value: l, label: t(`training.requirements.level.${l}`) }))}
        value={level}
        onChange={(e) => set({ level: e.currentTarget.value as RequirementLevel })}
      />
      {level === "required" ? (
        <NumberInput
          size="xs"
          aria-label={t("training.requirements.graceOf", names)}
          suffix={t("training.requirements.daysSuffix")}
          min={0}
          max={365}
          allowDecimal={false}
          value={draft ?? grace}
          onChange={(v) => setDraft(v === "" ? 0 : Math.round(Number(v)))}
          onBlur={() => {
            if (draft !== null && draft !== grace) set({ graceDays: draft });
            setDraft(null);
          }}
          error={save.isError ? describeError(t, save.error) : undefined}
        />
      ) : save.isError ? (
        <Text size="xs" c="red" role="alert">
          {describeError(t, save.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

export function RequirementsPage() {
  const { t } = useTranslation();
  const courses = useCourses();
  const roles = useRoles();
  const requirements = useRequirements();
  const live = (roles.data ?? []).filter((r) => !r.retired);
  const held = (course: Course, role: Role) =>
    requirements.data?.find((r) => r.courseId === course.id && r.roleId === role.id);
  const failed = courses.error ?? roles.error ?? requirements.error;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {failed ? describeError(t, failed) : t("training.requirements.intro")}
        </Text>
      </Group>
      {courses.data && courses.data.length > 0 && requirements.data ? (
        <Table.ScrollContainer minWidth={200 + live.length * 170}>
          <Table withTableBorder withColumnBorders aria-label={t("training.requirements.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.courseId")}</Table.Th>
                {live.map((r) => (
                  <Table.Th scope="col" key={r.id}>
                    {roleLabel(t, r)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {courses.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw="normal">
                    {c.title}
                  </Table.Th>
                  {live.map((r) => (
                    <Table.Td key={r.id}>
                      <RequirementCell course={c} role={r} held={held(c, r)} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : courses.data ? (
        <Text c="dimmed">{t("training.requirements.empty")}</Text>
      ) : null}
    </Stack>
  );
}
