/**
 * Record a feedback entry, or edit one: the day it was given, where it came from, how the
 * customer feels, the journey stage, themes, an optional CSAT answer and customer, and
 * what they said.
 */
import { SimpleGrid, TagsInput, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { CustomerPicker, type PickedCustomer } from "../customers/CustomerPicker";
import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import { today } from "../dashboard/period";
import type { Feedback, FeedbackSource, JourneyStageId, Sentiment } from "../ipc/bindings";
import { useFeedbackThemes, useJourneyStages, useSaveFeedback } from "../ipc/queries";
import { SENTIMENTS, SOURCES, sentimentOptions, sourceOptions } from "./model";
import { stageOptions } from "./stages";

/** Most themes one entry carries (Rust refuses more). */
export const THEMES_MAX = 20;
const FIELDS = ["receivedOn", "source", "sentiment", "customerId", "journeyStageId", "csat", "themes", "text"] as const;

export function FeedbackDialog({ entry, opened, onClose }: { entry?: Feedback; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const stages = useJourneyStages();
  const themes = useFeedbackThemes();
  const [receivedOn, setReceivedOn] = useState<string | null>(entry?.receivedOn ?? today());
  const [source, setSource] = useState<FeedbackSource>(entry?.source ?? "survey");
  const [sentiment, setSentiment] = useState<Sentiment>(entry?.sentiment ?? "neutral");
  const [stage, setStage] = useState<JourneyStageId | null>(entry?.journeyStageId ?? null);
  const [csat, setCsat] = useState<string | null>(entry?.csat ? String(entry.csat) : null);
  const [picked, setPicked] = useState<string[]>(entry?.themes ?? []);
  const [text, setText] = useState(entry?.text ?? "");
  const [customer, setCustomer] = useState<PickedCustomer | null>(
    entry?.customerId ? { id: entry.customerId, name: entry.customerName ?? "" } : null,
  );
  const { errors, save, textField, formProps } = useDialogMutation(useSaveFeedback(entry?.id ?? null), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ text, receivedOn: receivedOn ?? "" })) return;
    save({
      receivedOn: receivedOn ?? "",
      source,
      sentiment,
      customerId: customer?.id ?? null,
      journeyStageId: stage,
      csat: csat ? Number(csat) : null,
      themes: picked,
      text,
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={entry ? t("voc.feedback.editTitle") : t("voc.feedback.newTitle")}
      submitLabel={entry ? t("voc.feedback.saveEdit") : t("voc.feedback.create")}
      {...formProps}
      onSubmit={submit}
      size="lg"
    >
      <Textarea
        label={t("fields.feedbackText")}
        {...textField("text", text, setText)}
        required
        autosize
        minRows={3}
        maxRows={10}
        maxLength={10_000}
        data-autofocus
      />
      <SimpleGrid cols={3} spacing="sm">
        <DateInput
          label={t("fields.receivedOn")}
          value={receivedOn}
          onChange={(v) => {
            setReceivedOn(v);
            errors.clear("receivedOn");
          }}
          valueFormat="YYYY-MM-DD"
          maxDate={today()}
          required
          error={errors.fieldErrors.receivedOn}
        />
        <FormSelect
          label={t("fields.source")}
          data={sourceOptions(t)}
          value={source}
          onChange={(v) => isOneOf(SOURCES, v) && setSource(v)}
          allowDeselect={false}
        />
        <FormSelect
          label={t("fields.sentiment")}
          data={sentimentOptions(t)}
          value={sentiment}
          onChange={(v) => isOneOf(SENTIMENTS, v) && setSentiment(v)}
          allowDeselect={false}
        />
        <FormSelect
          label={t("fields.journeyStageId")}
          data={stageOptions(t, stages.data ?? [], entry?.journeyStageId ?? null)}
          value={stage}
          onChange={(v) => {
            setStage(v);
            errors.clear("journeyStageId");
          }}
          placeholder={t("common.none")}
          clearable
          error={errors.fieldErrors.journeyStageId}
        />
        <FormSelect
          label={t("fields.csat")}
          data={["1", "2", "3", "4", "5"]}
          value={csat}
          onChange={setCsat}
          placeholder={t("common.none")}
          clearable
          error={errors.fieldErrors.csat}
        />
      </SimpleGrid>
      <TagsInput
        label={t("fields.themes")}
        description={t("voc.feedback.themesHint")}
        data={themes.data ?? []}
        value={picked}
        onChange={(v) => {
          setPicked(v);
          errors.clear("themes");
        }}
        maxTags={THEMES_MAX}
        splitChars={[","]}
        clearable
        error={errors.fieldErrors.themes}
      />
      <CustomerPicker
        value={customer}
        onChange={(c) => {
          setCustomer(c);
          errors.clear("customerId");
        }}
        error={errors.fieldErrors.customerId}
      />
    </FormDialog>
  );
}
