/** A plan's communication templates on its page: kind, title and text; add, edit, remove. */
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { Template } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useRemoveTemplate } from "../ipc/queries";

export function PlanTemplates({
  templates,
  onAdd,
  onEdit,
}: {
  templates: Template[];
  onAdd: () => void;
  onEdit: (template: Template) => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveTemplate();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-templates-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id="plan-templates-title">
            {t("plans.template.title")}
          </Title>
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={onAdd}>
            {t("plans.template.add")}
          </Button>
        </Group>
        {remove.error ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, remove.error)}
          </Text>
        ) : null}
        {templates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.template.none")}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
            {templates.map((tpl) => (
              <Group component="li" key={tpl.id} justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Badge size="sm" variant="light" tt="none">
                      {t(`plans.templateKind.${tpl.kind}`)}
                    </Badge>
                    <Text fw={500}>{tpl.title}</Text>
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: "pre-wrap" }}>
                    {tpl.body}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="subtle" aria-label={t("plans.template.edit", { title: tpl.title })} onClick={() => onEdit(tpl)}>
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("plans.template.remove", { title: tpl.title })}
                    onClick={() => remove.mutate(tpl.id)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
