/**
 * After a run is closed: the hot-wash (free notes taken right away) and the after-action
 * review (what went well, what went wrong). Each is saved on its own, so one supervisor
 * can write the hot-wash while another writes the review; Rust merges them field by field.
 */
import { Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { useFormErrors } from "../cases/dialogs/FormDialog";
import type { PlanRunId, RunReview } from "../ipc/bindings";
import { useSaveHotWash, useSaveReview } from "../ipc/queries";

const HOT_WASH_FIELDS = ["hotWash"] as const;
const REVIEW_FIELDS = ["wentWell", "wentWrong"] as const;

/** "Saved" beside a form's button once its last save went through. */
function Saved({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return shown ? (
    <Text size="sm" c="dimmed" role="status">
      {t("plans.review.saved")}
    </Text>
  ) : null;
}

export function RunHotWash({ run, review }: { run: PlanRunId; review: RunReview }) {
  const { t } = useTranslation();
  const save = useSaveHotWash(run);
  const errors = useFormErrors(HOT_WASH_FIELDS);
  const [text, setText] = useState(review.hotWash);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.requireFilled({ hotWash: text })) return;
    save.mutate(text, { onSuccess: () => setSaved(true), onError: errors.fail });
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-hot-wash-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h5" id="run-hot-wash-title">
            {t("plans.review.hotWashTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("plans.review.hotWashHint")}
          </Text>
          <Textarea
            label={t("fields.hotWash")}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setSaved(false);
              errors.clear("hotWash");
            }}
            error={errors.fieldErrors.hotWash}
            autosize
            minRows={3}
            maxLength={8000}
            required
          />
          {errors.formError ? (
            <Text size="sm" c="red" role="alert">
              {errors.formError}
            </Text>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t("plans.review.saveHotWash")}
            </Button>
            <Saved shown={saved} />
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function RunAfterAction({ run, review }: { run: PlanRunId; review: RunReview }) {
  const { t } = useTranslation();
  const save = useSaveReview(run);
  const errors = useFormErrors(REVIEW_FIELDS);
  const [wentWell, setWentWell] = useState(review.wentWell);
  const [wentWrong, setWentWrong] = useState(review.wentWrong);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!wentWell.trim() && !wentWrong.trim()) return errors.set("wentWell", t("plans.review.oneRequired"));
    save.mutate({ wentWell, wentWrong }, { onSuccess: () => setSaved(true), onError: errors.fail });
  };

  const field = (name: (typeof REVIEW_FIELDS)[number], value: string, set: (v: string) => void) => ({
    label: t(`fields.${name}`),
    value,
    error: errors.fieldErrors[name],
    onChange: (e: ChangeEvent<HTMLTextAreaElement>) => {
      set(e.currentTarget.value);
      setSaved(false);
      errors.clear(name);
    },
    autosize: true,
    minRows: 3,
    maxLength: 8000,
  });

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-review-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h5" id="run-review-title">
            {t("plans.review.title")}
          </Title>
          <Textarea {...field("wentWell", wentWell, setWentWell)} />
          <Textarea {...field("wentWrong", wentWrong, setWentWrong)} />
          {errors.formError ? (
            <Text size="sm" c="red" role="alert">
              {errors.formError}
            </Text>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t("plans.review.saveReview")}
            </Button>
            <Saved shown={saved} />
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
