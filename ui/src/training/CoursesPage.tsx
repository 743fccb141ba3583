/** The courses: title, topic, mode, duration, validity and pass mark, and their materials
 * (knowledge-base articles linked from the article page); add and edit. */
import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { Course } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import type { CourseId, LinkedArticle } from "../ipc/bindings";
import { useCourseMaterials, useCourses } from "../ipc/queries";
import { ArticleLinks } from "../knowledge/WorkLinks";
import { CourseDialog } from "./CourseDialog";
import { durationLabel } from "./model";

export function CoursesPage() {
  const { t } = useTranslation();
  const courses = useCourses();
  const materials = useCourseMaterials();
  const byCourse = new Map<CourseId, LinkedArticle[]>();
  for (const m of materials.data ?? []) byCourse.set(m.courseId, [...(byCourse.get(m.courseId) ?? []), m.article]);
  const [editing, setEditing] = useState<Course | "new" | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {courses.isError ? describeError(t, courses.error) : t("training.courses.count", { count: courses.data?.length ?? 0 })}
        </Text>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing("new")}>
          {t("training.courses.new")}
        </Button>
      </Group>
      {courses.data && courses.data.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t("training.courses.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.courseTitle")}</Table.Th>
                <Table.Th scope="col">{t("fields.topic")}</Table.Th>
                <Table.Th scope="col">{t("fields.mode")}</Table.Th>
                <Table.Th scope="col">{t("fields.durationMinutes")}</Table.Th>
                <Table.Th scope="col">{t("fields.validityMonths")}</Table.Th>
                <Table.Th scope="col">{t("fields.passMark")}</Table.Th>
                <Table.Th scope="col">{t("training.pages.sessions")}</Table.Th>
                <Table.Th scope="col">{t("knowledge.courses.materials")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {courses.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component="button" type="button" onClick={() => setEditing(c)} aria-label={t("training.courses.editNamed", { title: c.title })}>
                      {c.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`training.topic.${c.topic}`)}</Table.Td>
                  <Table.Td>{t(`training.mode.${c.mode}`)}</Table.Td>
                  <Table.Td>{durationLabel(t, c.durationMinutes)}</Table.Td>
                  <Table.Td>{c.validityMonths ? t("training.courses.months", { count: c.validityMonths }) : t("training.courses.neverExpires")}</Table.Td>
                  <Table.Td>{c.passMark ?? t("training.courses.noPassMark")}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/training/sessions?course=${encodeURIComponent(c.id)}`} aria-label={t("training.sessions.ofCourse", { title: c.title })}>
                      {t("training.pages.sessions")}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {byCourse.has(c.id) ? (
                      <ArticleLinks
                        articles={byCourse.get(c.id)}
                        label={t("knowledge.courses.materialsOf", { course: c.title })}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t("knowledge.courses.noMaterials")}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : courses.data ? (
        <Text c="dimmed">{t("training.courses.empty")}</Text>
      ) : null}
      {editing ? <CourseDialog course={editing === "new" ? undefined : editing} opened onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
