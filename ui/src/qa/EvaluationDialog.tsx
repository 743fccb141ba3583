/**
 * Evaluate an agent on a scorecard, optionally on one case: each criterion is rated from
 * 0 to its points, or marked not applicable. The score follows from the weights in Rust
 * and shows on the agent's page and the case's once saved; the evaluation keeps the
 * scorecard version shown here.
 */
import { Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { today } from "../dashboard/period";
import type { AgentId, CaseId, ScorecardId } from "../ipc/bindings";
import { useAgents, useEvaluate, useScorecards } from "../ipc/queries";

const FIELDS = ["versionId", "agentId", "evaluator", "evaluatedOn", "ratings", "comment"] as const;
/** The rating select's value for "not applicable". */
const NA = "na";

export function EvaluationDialog({
  agent: fixedAgent,
  caseId = null,
  defaultAgent = null,
  opened,
  onClose,
}: {
  /** The agent evaluated, when the dialog is opened from their page. */
  agent?: { id: AgentId; name: string };
  caseId?: CaseId | null;
  defaultAgent?: AgentId | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const scorecards = useScorecards();
  const agents = useAgents();
  const [cardId, setCardId] = useState<ScorecardId | null>(null);
  const card = scorecards.data?.find((c) => c.id === cardId) ?? (scorecards.data?.length === 1 ? scorecards.data[0] : undefined);
  const [agent, setAgent] = useState<AgentId | null>(fixedAgent?.id ?? defaultAgent);
  const [evaluator, setEvaluator] = useState("");
  const [day, setDay] = useState<string | null>(today());
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  const { errors, save, textField, formProps } = useDialogMutation(useEvaluate(), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ versionId: card?.versionId ?? "", agentId: agent ?? "", evaluator, evaluatedOn: day ?? "" })) return;
    if (!card || !agent) return;
    const unrated = card.criteria.filter((c) => ratings[c.key] === undefined);
    if (unrated.length > 0) {
      errors.set("ratings", t("qa.evaluate.unrated", { label: unrated[0]!.label }));
      return;
    }
    save({
      versionId: card.versionId,
      agentId: agent,
      caseId,
      evaluator,
      evaluatedOn: day ?? "",
      ratings: card.criteria.map((c) => ({ key: c.key, value: ratings[c.key] === NA ? null : Number(ratings[c.key]) })),
      comment,
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="lg"
      title={fixedAgent ? t("qa.evaluate.titleNamed", { name: fixedAgent.name }) : t("qa.evaluate.title")}
      submitLabel={t("qa.evaluate.save")}
      {...formProps}
      onSubmit={submit}
    >
      {scorecards.data && scorecards.data.length === 0 ? (
        <Text size="sm" role="alert">
          {t("qa.evaluate.noScorecards")}
        </Text>
      ) : null}
      <FormSelect
        label={t("qa.scorecards.scorecard")}
        data={(scorecards.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={card?.id ?? null}
        onChange={(v) => {
          setCardId(v);
          setRatings({});
          errors.clear("versionId");
        }}
        required
        data-autofocus
        error={errors.fieldErrors.versionId}
      />
      {fixedAgent ? null : (
        <FormSelect
          label={t("fields.agentId")}
          data={(agents.data ?? []).filter((a) => !a.leftOn || a.id === agent).map((a) => ({ value: a.id, label: a.name }))}
          value={agent}
          onChange={(v) => {
            setAgent(v);
            errors.clear("agentId");
          }}
          searchable
          required
          error={errors.fieldErrors.agentId}
        />
      )}
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t("qa.evaluate.evaluator")} {...textField("evaluator", evaluator, setEvaluator)} required maxLength={120} />
        <DateInput
          label={t("qa.evaluate.day")}
          value={day}
          onChange={(v) => {
            setDay(v);
            errors.clear("evaluatedOn");
          }}
          valueFormat="YYYY-MM-DD"
          maxDate={today()}
          required
          error={errors.fieldErrors.evaluatedOn}
        />
      </SimpleGrid>
      {card ? (
        <Stack gap="xs" role="group" aria-label={t("qa.evaluate.ratings")}>
          <Text size="sm" c="dimmed">
            {t("qa.evaluate.version", { version: card.version })}
          </Text>
          {card.criteria.map((c) => (
            <Select
              key={c.key}
              label={c.label}
              description={[
                t("qa.evaluate.weightOf", { weight: c.weight }),
                c.critical ? t("qa.evaluate.criticalHint") : null,
              ]
                .filter(Boolean)
                .join(" · ")}
              data={[
                { value: NA, label: t("qa.evaluate.notApplicable") },
                ...Array.from({ length: c.points + 1 }, (_, p) => ({ value: String(p), label: t("qa.evaluate.pointsOf", { points: p, of: c.points }) })),
              ]}
              value={ratings[c.key] ?? null}
              onChange={(v) => {
                setRatings((r) => (v === null ? r : { ...r, [c.key]: v }));
                errors.clear("ratings");
              }}
              allowDeselect={false}
              required
              comboboxProps={{ withinPortal: true }}
            />
          ))}
          {errors.fieldErrors.ratings ? (
            <Text size="sm" c="red" role="alert">
              {errors.fieldErrors.ratings}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      <Textarea label={t("fields.comment")} {...textField("comment", comment, setComment)} autosize minRows={2} maxRows={6} maxLength={4000} />
    </FormDialog>
  );
}
