/**
 * Log a case in seconds, from the keyboard: Title (focused), Customer (pick or add),
 * Channel, Category (suggestions from categories in use, any text allowed), Priority.
 * Enter submits from any field whose list is closed. On success the new case opens;
 * on error the typed values stay and the message appears beside its field.
 */
import { Autocomplete, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { CustomerPicker, type PickedCustomer } from "../customers/CustomerPicker";
import type { CaseChannel, Priority } from "../ipc/bindings";
import { placeError } from "../ipc/errors";
import { useCaseCategories, useCreateCase } from "../ipc/queries";
import { FormSelect } from "./dialogs/FormSelect";
import { CHANNELS, PRIORITIES, channelOptions, isOneOf, priorityOptions } from "./model";

const FIELDS = ["title", "customerId", "channel", "category", "priority"] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  title: string;
  customer: PickedCustomer | null;
  channel: CaseChannel;
  category: string;
  priority: Priority;
}

const EMPTY: Draft = { title: "", customer: null, channel: "phone", category: "", priority: "p3" };

export function QuickCreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCase();
  const categories = useCaseCategories();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldError, setFieldError] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const edit = (patch: Partial<Draft>, field: Field) => {
    setDraft((d) => ({ ...d, ...patch }));
    setFieldError((e) => ({ ...e, [field]: undefined }));
    setFormError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    if (!draft.title.trim()) {
      setFieldError({ title: t("errors.validation.required") });
      return;
    }
    create.mutate(
      {
        title: draft.title.trim(),
        description: "",
        customerId: draft.customer?.id ?? null,
        channel: draft.channel,
        category: draft.category.trim(),
        priority: draft.priority,
      },
      {
        onSuccess: (detail) => {
          notifications.show({
            message: t("cases.create.created", { reference: detail.case.reference }),
            color: "teal",
          });
          setDraft(EMPTY);
          setFieldError({});
          onClose();
          void navigate(`/cases/${detail.case.id}`);
        },
        onError: (error) => {
          const placed = placeError(t, error, FIELDS);
          if (placed.field) setFieldError({ [placed.field]: placed.message });
          else setFormError(placed.message);
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("cases.create.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t("fields.title")}
            placeholder={t("cases.create.titlePlaceholder")}
            value={draft.title}
            onChange={(e) => edit({ title: e.currentTarget.value }, "title")}
            error={fieldError.title}
            required
            data-autofocus
            maxLength={200}
          />
          <CustomerPicker
            value={draft.customer}
            onChange={(customer) => edit({ customer }, "customerId")}
            error={fieldError.customerId}
          />
          <SimpleGrid cols={3} spacing="sm">
            <FormSelect
              label={t("fields.channel")}
              data={channelOptions(t)}
              value={draft.channel}
              onChange={(v) => isOneOf(CHANNELS, v) && edit({ channel: v }, "channel")}
              allowDeselect={false}
              error={fieldError.channel}
            />
            <Autocomplete
              label={t("fields.category")}
              placeholder={t("cases.create.categoryPlaceholder")}
              data={categories.data ?? []}
              value={draft.category}
              onChange={(category) => edit({ category }, "category")}
              error={fieldError.category}
              maxLength={80}
            />
            <FormSelect
              label={t("fields.priority")}
              data={priorityOptions(t)}
              value={draft.priority}
              onChange={(v) => isOneOf(PRIORITIES, v) && edit({ priority: v }, "priority")}
              allowDeselect={false}
              error={fieldError.priority}
            />
          </SimpleGrid>
          {formError && (
            <Text size="sm" c="red" role="alert">
              {formError}
            </Text>
          )}
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="dimmed">
              {t("cases.create.hint")}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("cases.create.submit")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
