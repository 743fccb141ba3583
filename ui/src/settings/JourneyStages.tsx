/**
 * The team's customer-journey stages, in journey order: add, rename, move up or down,
 * retire (a retired stage stays on the cases and feedback that have it, but is offered
 * for no new choice) or bring back. Each change is saved at once and syncs to the team.
 */
import { ActionIcon, Badge, Button, Group, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { JourneyStage } from "../ipc/bindings";
import { placeError } from "../ipc/errors";
import { useCreateStage, useJourneyStages, useRenameStage, useReorderStages, useRetireStage } from "../ipc/queries";
import { Section } from "../shell/Section";
import { stageLabel } from "../voc/stages";

function NameEditor({ stage, onDone }: { stage: JourneyStage; onDone: () => void }) {
  const { t } = useTranslation();
  const rename = useRenameStage();
  const [name, setName] = useState(stageLabel(t, stage));
  const [error, setError] = useState<string | null>(null);
  const submit = () =>
    rename.mutate(
      { id: stage.id, name },
      { onSuccess: onDone, onError: (e) => setError(placeError(t, e, ["name"] as const).message) },
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          size="xs"
          aria-label={t("settings.stages.nameOf", { name: stageLabel(t, stage) })}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => e.key === "Escape" && onDone()}
          maxLength={60}
          error={error}
          data-autofocus
          autoFocus
        />
        <Button size="xs" type="submit" loading={rename.isPending}>
          {t("common.save")}
        </Button>
        <Button size="xs" variant="default" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </Group>
    </form>
  );
}

export function JourneyStages() {
  const { t } = useTranslation();
  const stages = useJourneyStages();
  const create = useCreateStage();
  const reorder = useReorderStages();
  const retire = useRetireStage();
  const [adding, setAdding] = useState("");
  const [addError, setAddError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const list = stages.data ?? [];
  const failure = reorder.error ?? retire.error;

  const move = (index: number, by: -1 | 1) => {
    const ids = list.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    reorder.mutate(ids);
  };

  return (
    <Section title={t("settings.stages.title")} description={t("settings.stages.description")}>
      <Stack gap="sm">
        <Table aria-label={t("settings.stages.title")} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("settings.stages.order")}</Table.Th>
              <Table.Th scope="col">{t("fields.name")}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t("voc.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((stage, i) => {
              const name = stageLabel(t, stage);
              return (
                <Table.Tr key={stage.id}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    {renaming === stage.id ? (
                      <NameEditor stage={stage} onDone={() => setRenaming(null)} />
                    ) : (
                      <Group gap="xs">
                        <Text size="sm" c={stage.retired ? "dimmed" : undefined}>
                          {name}
                        </Text>
                        {stage.retired ? (
                          <Badge size="sm" variant="outline" color="gray" tt="none">
                            {t("settings.stages.retired")}
                          </Badge>
                        ) : null}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t("settings.stages.moveUp", { name })}>
                        <ActionIcon variant="subtle" color="gray" aria-label={t("settings.stages.moveUp", { name })} disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)}>
                          <IconArrowUp size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t("settings.stages.moveDown", { name })}>
                        <ActionIcon variant="subtle" color="gray" aria-label={t("settings.stages.moveDown", { name })} disabled={i === list.length - 1 || reorder.isPending} onClick={() => move(i, 1)}>
                          <IconArrowDown size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Button size="compact-xs" variant="subtle" aria-label={t("settings.stages.renameOf", { name })} onClick={() => setRenaming(stage.id)}>
                        {t("settings.stages.rename")}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={stage.retired ? undefined : "red"}
                        aria-label={t(stage.retired ? "settings.stages.restoreOf" : "settings.stages.retireOf", { name })}
                        onClick={() => retire.mutate({ id: stage.id, retired: !stage.retired })}
                      >
                        {t(stage.retired ? "settings.stages.restore" : "settings.stages.retire")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {failure ? (
          <Text size="sm" c="red" role="alert">
            {placeError(t, failure, [] as const).message}
          </Text>
        ) : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(adding, {
              onSuccess: () => setAdding(""),
              onError: (err) => setAddError(placeError(t, err, ["name"] as const).message),
            });
          }}
        >
          <Group gap="xs" align="flex-start">
            <TextInput
              size="xs"
              aria-label={t("settings.stages.newName")}
              placeholder={t("settings.stages.newName")}
              value={adding}
              onChange={(e) => {
                setAdding(e.currentTarget.value);
                setAddError(null);
              }}
              maxLength={60}
              error={addError}
            />
            <Button size="xs" type="submit" variant="default" leftSection={<IconPlus size={14} aria-hidden />} loading={create.isPending}>
              {t("settings.stages.add")}
            </Button>
          </Group>
        </form>
      </Stack>
    </Section>
  );
}
