/**
 * An article's links into the work beyond cases: the plan steps it is linked to (shown
 * beside the step on the plan page and in a run's checklist) and the courses it is a
 * material of, each listed with unlink, and a form to add one. Also the small list of a
 * step's articles that the plan page and a run's checklist show.
 */
import { ActionIcon, Anchor, Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLinkOff } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { ArticleId, CourseId, LinkedArticle, PlanId, PlanStepId, StepArticle } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import {
  useArticleCourses,
  useArticleSteps,
  useCourses,
  useLinkCourse,
  useLinkStep,
  usePlan,
  usePlanArticles,
  usePlans,
  useUnlinkCourse,
  useUnlinkStep,
} from "../ipc/queries";

const LIST_STYLE = { listStyle: "none", padding: 0, margin: 0 } as const;

function useFail() {
  const { t } = useTranslation();
  return (error: unknown) => notifications.show({ color: "red", message: describeError(t, error) });
}

/** The plan steps an article is linked to, with unlink, and linking another. */
export function LinkedSteps({ article }: { article: ArticleId }) {
  const { t } = useTranslation();
  const steps = useArticleSteps(article);
  const unlink = useUnlinkStep();
  const fail = useFail();
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-label={t("knowledge.steps.title")}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("knowledge.steps.title")}
        </Title>
        {steps.isError ? (
          <Text size="sm" c="red">
            {describeError(t, steps.error)}
          </Text>
        ) : steps.data && steps.data.length > 0 ? (
          <Stack gap={4} component="ul" style={LIST_STYLE}>
            {steps.data.map((s) => (
              <Group key={s.id} component="li" gap="xs" justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/plans/${s.planId}`} size="sm">
                  {t("knowledge.steps.label", { plan: s.planTitle, phase: t(`plans.phase.${s.phase}`), step: s.text })}
                </Anchor>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t("knowledge.steps.unlinkNamed", { step: s.text })}
                  onClick={() => unlink.mutate({ article, step: s.id }, { onError: fail })}
                >
                  <IconLinkOff size={14} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t("knowledge.steps.none")}
          </Text>
        )}
        <LinkStepForm article={article} linked={new Set((steps.data ?? []).map((s) => s.id))} />
      </Stack>
    </Paper>
  );
}

function LinkStepForm({ article, linked }: { article: ArticleId; linked: Set<PlanStepId> }) {
  const { t } = useTranslation();
  const plans = usePlans();
  const [plan, setPlan] = useState<PlanId | null>(null);
  const [step, setStep] = useState<PlanStepId | null>(null);
  const link = useLinkStep();
  const fail = useFail();
  return (
    <Stack gap={4}>
      <Select
        label={t("knowledge.steps.plan")}
        searchable
        data={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
        value={plan}
        onChange={(value) => {
          setPlan(value);
          setStep(null);
        }}
        nothingFoundMessage={t("knowledge.list.noMatch")}
      />
      {plan ? <StepSelect plan={plan} linked={linked} value={step} onChange={setStep} /> : null}
      <Group justify="flex-end">
        <Button
          size="xs"
          variant="default"
          disabled={step === null}
          loading={link.isPending}
          onClick={() =>
            step &&
            link.mutate(
              { article, step },
              {
                onSuccess: () => {
                  setStep(null);
                  notifications.show({ message: t("knowledge.steps.linked") });
                },
                onError: fail,
              },
            )
          }
        >
          {t("knowledge.steps.link")}
        </Button>
      </Group>
    </Stack>
  );
}

function StepSelect({
  plan,
  linked,
  value,
  onChange,
}: {
  plan: PlanId;
  linked: Set<PlanStepId>;
  value: PlanStepId | null;
  onChange: (step: PlanStepId | null) => void;
}) {
  const { t } = useTranslation();
  const detail = usePlan(plan);
  const data = (detail.data?.content.steps ?? [])
    .filter((s) => !linked.has(s.id))
    .map((s) => ({ value: s.id, label: `${t(`plans.phase.${s.phase}`)} · ${s.text}` }));
  return (
    <Select
      label={t("knowledge.steps.step")}
      searchable
      data={data}
      value={value}
      onChange={onChange}
      error={detail.isError ? describeError(t, detail.error) : undefined}
      nothingFoundMessage={t("plans.step.none")}
    />
  );
}

/** The courses an article is a material of, with remove, and adding it to another. */
export function LinkedCourses({ article }: { article: ArticleId }) {
  const { t } = useTranslation();
  const linked = useArticleCourses(article);
  const courses = useCourses();
  const link = useLinkCourse();
  const unlink = useUnlinkCourse();
  const [course, setCourse] = useState<CourseId | null>(null);
  const fail = useFail();
  const linkedIds = new Set((linked.data ?? []).map((c) => c.id));
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-label={t("knowledge.courses.title")}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("knowledge.courses.title")}
        </Title>
        {linked.isError ? (
          <Text size="sm" c="red">
            {describeError(t, linked.error)}
          </Text>
        ) : linked.data && linked.data.length > 0 ? (
          <Stack gap={4} component="ul" style={LIST_STYLE}>
            {linked.data.map((c) => (
              <Group key={c.id} component="li" gap="xs" justify="space-between" wrap="nowrap">
                <Anchor component={Link} to="/training/courses" size="sm">
                  {c.title}
                </Anchor>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t("knowledge.courses.unlinkNamed", { course: c.title })}
                  onClick={() => unlink.mutate({ article, course: c.id }, { onError: fail })}
                >
                  <IconLinkOff size={14} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t("knowledge.courses.none")}
          </Text>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={t("knowledge.courses.course")}
            searchable
            data={(courses.data ?? []).filter((c) => !linkedIds.has(c.id)).map((c) => ({ value: c.id, label: c.title }))}
            value={course}
            onChange={setCourse}
            nothingFoundMessage={t("knowledge.list.noMatch")}
            style={{ flex: 1 }}
          />
          <Button
            size="sm"
            variant="default"
            disabled={course === null}
            loading={link.isPending}
            onClick={() =>
              course && link.mutate({ article, course }, { onSuccess: () => setCourse(null), onError: fail })
            }
          >
            {t("knowledge.courses.link")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The articles linked to each step of a plan, by step id (an empty map while loading). */
export function useStepArticles(plan: PlanId): Map<PlanStepId, LinkedArticle[]> {
  const links = usePlanArticles(plan);
  return groupByStep(links.data ?? []);
}

function groupByStep(links: StepArticle[]): Map<PlanStepId, LinkedArticle[]> {
  const out = new Map<PlanStepId, LinkedArticle[]>();
  for (const l of links) out.set(l.stepId, [...(out.get(l.stepId) ?? []), l.article]);
  return out;
}

/** A step's or a course's articles as links, on one line; nothing when there are none. */
export function ArticleLinks({
  articles,
  heading,
  label,
}: {
  articles: LinkedArticle[] | undefined;
  heading?: string;
  label: string;
}) {
  if (!articles || articles.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap">
      {heading ? (
        <Text size="xs" c="dimmed">
          {heading}
        </Text>
      ) : null}
      {/* role="list": WebKit drops the list role of a list styled without markers. */}
      <Group component="ul" role="list" gap={6} m={0} p={0} style={{ listStyle: "none" }} aria-label={label}>
        {articles.map((a) => (
          <li key={a.id}>
            <Anchor component={Link} to={`/knowledge/${a.id}`} size="xs">
              {a.title}
            </Anchor>
          </li>
        ))}
      </Group>
    </Group>
  );
}
