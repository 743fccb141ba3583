/**
 * Training sessions: every course held on a day, the latest first, filtered by course;
 * each with its trainer, place and how many are enrolled, attended and passed (worked out
 * by Rust from the enrolments and records). "Schedule session" adds one and opens it.
 */
import { Anchor, Button, Group, Select, Stack, Table, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";

import type { CourseId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCourses, useSessions } from "../ipc/queries";
import { SessionDialog } from "./SessionDialog";

const ALL = "__all__";

export function SessionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const courses = useCourses();
  // A course's "Sessions" link (Courses page) opens the list filtered to it.
  const [params] = useSearchParams();
  const [course, setCourse] = useState<CourseId | null>(params.get("course"));
  const sessions = useSessions(course);
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Select
          label={t("fields.courseId")}
          size="xs"
          w={260}
          data={[{ value: ALL, label: t("training.sessions.allCourses") }, ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))]}
          value={course ?? ALL}
          onChange={(v) => setCourse(!v || v === ALL ? null : v)}
          allowDeselect={false}
          searchable
        />
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(true)}>
          {t("training.sessions.new")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {sessions.isError ? describeError(t, sessions.error) : t("training.sessions.count", { count: sessions.data?.length ?? 0 })}
      </Text>
      {sessions.data && sessions.data.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t("training.sessions.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.heldOn")}</Table.Th>
                <Table.Th scope="col">{t("fields.courseId")}</Table.Th>
                <Table.Th scope="col">{t("fields.trainer")}</Table.Th>
                <Table.Th scope="col">{t("fields.place")}</Table.Th>
                <Table.Th scope="col">{t("training.sessions.enrolled")}</Table.Th>
                <Table.Th scope="col">{t("training.sessions.attended")}</Table.Th>
                <Table.Th scope="col">{t("training.sessions.passed")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/training/sessions/${s.id}`} aria-label={t("training.sessions.openNamed", { title: s.courseTitle, date: s.heldOn })}>
                      {s.heldOn}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{s.courseTitle}</Table.Td>
                  <Table.Td>{s.trainer}</Table.Td>
                  <Table.Td>{s.place}</Table.Td>
                  <Table.Td>{t("training.sessions.ofCapacity", { count: s.enrolled, capacity: s.capacity })}</Table.Td>
                  <Table.Td>{s.attended}</Table.Td>
                  <Table.Td>{s.passed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : sessions.data ? (
        <Text c="dimmed">{t("training.sessions.empty")}</Text>
      ) : null}
      {adding ? (
        <SessionDialog course={course} opened onClose={() => setAdding(false)} onCreated={(id) => void navigate(`/training/sessions/${id}`)} />
      ) : null}
    </Stack>
  );
}
