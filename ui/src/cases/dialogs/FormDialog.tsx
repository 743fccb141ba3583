/**
 * The frame of every case dialog: a modal named by its title, a form (Enter submits
 * from single-line fields), an alert for errors that belong to no field, Cancel and
 * the submit button. `useFormErrors` places a failed submit's error beside its field.
 */
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { placeError } from "../../ipc/errors";

export interface FormDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  cancelLabel?: string;
  pending: boolean;
  formError: string | null;
  onSubmit: () => void;
  intro?: ReactNode;
  /** A quiet line beside the buttons (e.g. how the keyboard works here). */
  hint?: ReactNode;
  children: ReactNode;
  size?: string;
}

export function FormDialog({
  opened,
  onClose,
  title,
  submitLabel,
  cancelLabel,
  pending,
  formError,
  onSubmit,
  intro,
  hint,
  children,
  size = "md",
}: FormDialogProps) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {intro}
          {children}
          {formError && (
            <Text size="sm" c="red" role="alert">
              {formError}
            </Text>
          )}
          <Group justify={hint ? "space-between" : "flex-end"} gap="xs" mt={4}>
            {hint && (
              <Text size="xs" c="dimmed">
                {hint}
              </Text>
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {cancelLabel ?? t("common.cancel")}
              </Button>
              <Button type="submit" loading={pending}>
                {submitLabel}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Errors of one form: per field (shown beside it) and for the form as a whole. */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const { t } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const clear = useCallback((field?: F) => {
    setFormError(null);
    setFieldErrors((current) => {
      if (!field) return {};
      const next = { ...current };
      delete next[field];
      return next;
    });
  }, []);

  /** Marks required fields left empty; true when there were none. */
  const requireFilled = (values: Partial<Record<F, string>>): boolean => {
    const missing = Object.entries(values).filter(([, v]) => !(v as string | undefined)?.trim());
    if (missing.length === 0) return true;
    setFieldErrors(Object.fromEntries(missing.map(([f]) => [f, t("errors.validation.required")])) as Partial<Record<F, string>>);
    return false;
  };

  const fail = (error: unknown) => {
    const placed = placeError(t, error, fields);
    if (placed.field) setFieldErrors({ [placed.field]: placed.message } as Partial<Record<F, string>>);
    else setFormError(placed.message);
  };

  const set = (field: F, message: string) => setFieldErrors({ [field]: message } as Partial<Record<F, string>>);

  return { fieldErrors, formError, clear, requireFilled, fail, set };
}
