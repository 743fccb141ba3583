/**
 * "Start from an example": pick one of the three example plans (system outage, contact
 * surge, PR crisis) in a language — the interface's by default — and Rust copies it into a
 * new draft plan to adapt (its contacts are placeholders to replace) before publishing.
 */
import { Radio, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { Language, PlanId, StarterKey } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCopyStarter, useStarters } from "../ipc/queries";
import { isLanguage, LANGUAGES } from "../i18n/languages";

const FIELDS = ["key"] as const;

export function StarterDialog({ onClose, onCopied }: { onClose: () => void; onCopied: (plan: PlanId) => void }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : "en");
  const [key, setKey] = useState<StarterKey | null>(null);
  const starters = useStarters(language);
  const { errors, save, formProps } = useDialogMutation(useCopyStarter(), FIELDS, onCopied);

  const submit = () => {
    if (!key) return errors.set("key", t("plans.starter.pick"));
    save({ key, language });
  };

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("plans.starter.title")}
      submitLabel={t("plans.starter.copy")}
      intro={t("plans.starter.intro")}
      {...formProps}
      onSubmit={submit}
    >
      <FormSelect
        label={t("plans.starter.language")}
        data={LANGUAGES.map((l) => ({ value: l.value, label: l.nativeName }))}
        value={language}
        onChange={(v) => v && isLanguage(v) && setLanguage(v)}
        allowDeselect={false}
      />
      {starters.isError ? (
        <Text size="sm" c="red" role="alert">
          {describeError(t, starters.error)}
        </Text>
      ) : null}
      <Radio.Group
        label={t("plans.starter.example")}
        value={key}
        onChange={(v) => {
          setKey(starters.data?.find((s) => s.key === v)?.key ?? null);
          errors.clear("key");
        }}
        error={errors.fieldErrors.key}
        required
      >
        <Stack gap="sm" mt="xs">
          {(starters.data ?? []).map((s) => (
            <Radio
              key={s.key}
              value={s.key}
              label={s.title}
              description={t("plans.starter.description", { count: s.steps, triggers: s.triggers.split("\n")[0] ?? "" })}
            />
          ))}
        </Stack>
      </Radio.Group>
    </FormDialog>
  );
}
