/**
 * An article's links into the work beyond cases: the plan steps it is linked to (shown
 * beside the step on the plan page and in a run's checklist) and the courses it is a
 * material of, each listed with unlink, and a form to add one. Also the small list of a
 * step's articles that the plan page and a run's checklist show.
 */
import { Anchor, Group, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
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
import { LinkPanel, PickToLink } from "./LinkPanel";

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
  const rows = steps.data?.map((s) => ({
    key: s.id,
    to: `/plans/${s.planId}`,
    label: t("knowledge.steps.label", { plan: s.planTitle, phase: t(`plans.phase.${s.phase}`), step: s.text }),
    unlinkLabel: t("knowledge.steps.unlinkNamed", { step: s.text }),
    onUnlink: () => unlink.mutate({ article, step: s.id }, { onError: fail }),
  }));
  return (
    <LinkPanel title={t("knowledge.steps.title")} rows={rows} error={steps.error} none={t("knowledge.steps.none")}>
      <LinkStepForm article={article} linked={new Set((steps.data ?? []).map((s) => s.id))} />
    </LinkPanel>
  );
}

/** A plan, then one of its steps not linked yet. */
function LinkStepForm({ article, linked }: { article: ArticleId; linked: Set<PlanStepId> }) {
  const { t } = useTranslation();
  const plans = usePlans();
  const [plan, setPlan] = useState<PlanId | null>(null);
  return (
    <Stack gap={4}>
      <Select
        label={t("knowledge.steps.plan")}
        searchable
        data={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
        value={plan}
        onChange={setPlan}
        nothingFoundMessage={t("knowledge.list.noMatch")}
      />
      {/* Keyed by plan: another plan starts with no step chosen. */}
      {plan ? <LinkStep key={plan} article={article} plan={plan} linked={linked} /> : null}
    </Stack>
  );
}

function LinkStep({ article, plan, linked }: { article: ArticleId; plan: PlanId; linked: Set<PlanStepId> }) {
  const { t } = useTranslation();
  const detail = usePlan(plan);
  const [step, setStep] = useState<PlanStepId | null>(null);
  const link = useLinkStep();
  const fail = useFail();
  const data = (detail.data?.content.steps ?? [])
    .filter((s) => !linked.has(s.id))
    .map((s) => ({ value: s.id, label: `${t(`plans.phase.${s.phase}`)} · ${s.text}` }));
  return (
    <PickToLink
      label={t("knowledge.steps.step")}
      data={data}
      value={step}
      onChange={setStep}
      error={detail.isError ? describeError(t, detail.error) : undefined}
      nothingFoundMessage={t("plans.step.none")}
      button={t("knowledge.steps.link")}
      pending={link.isPending}
      onLink={(chosen) =>
        link.mutate(
          { article, step: chosen },
          {
            onSuccess: () => {
              setStep(null);
              notifications.show({ message: t("knowledge.steps.linked") });
            },
            onError: fail,
          },
        )
      }
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
  const rows = linked.data?.map((c) => ({
    key: c.id,
    to: "/training/courses",
    label: c.title,
    unlinkLabel: t("knowledge.courses.unlinkNamed", { course: c.title }),
    onUnlink: () => unlink.mutate({ article, course: c.id }, { onError: fail }),
  }));
  return (
    <LinkPanel
      title={t("knowledge.courses.title")}
      rows={rows}
      error={linked.error}
      none={t("knowledge.courses.none")}
    >
      <PickToLink
        label={t("knowledge.courses.course")}
        data={(courses.data ?? []).filter((c) => !linkedIds.has(c.id)).map((c) => ({ value: c.id, label: c.title }))}
        value={course}
        onChange={setCourse}
        button={t("knowledge.courses.link")}
        pending={link.isPending}
        onLink={(chosen) => link.mutate({ article, course: chosen }, { onSuccess: () => setCourse(null), onError: fail })}
      />
    </LinkPanel>
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
