/**
 * "My cases" needs to know which agent the person at this computer is. This asks once
 * (choose among the agents, or add yourself when there are none) and stores the answer
 * on this device through `meSet`.
 */
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconUserQuestion } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId } from "../ipc/bindings";
import { describeError, placeError } from "../ipc/errors";
import { useAgents, useCreateAgent, useSetMe } from "../ipc/queries";

export function MePrompt({ current, onDone }: { current?: AgentId | null; onDone?: () => void }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const setMe = useSetMe();
  const createAgent = useCreateAgent();
  const [agent, setAgent] = useState<string | null>(current ?? null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const choose = (event: FormEvent) => {
    event.preventDefault();
    if (!agent) {
      setError(t("errors.validation.required"));
      return;
    }
    setMe.mutate(agent, { onSuccess: () => onDone?.(), onError: (e) => setError(describeError(t, e)) });
  };

  const addMe = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t("errors.validation.required"));
      return;
    }
    createAgent.mutate(
      { name: name.trim(), team: null },
      {
        onSuccess: (id) =>
          setMe.mutate(id, { onSuccess: () => onDone?.(), onError: (e) => setError(describeError(t, e)) }),
        onError: (e) => setError(placeError(t, e, ["name"] as const).message),
      },
    );
  };

  const noAgents = agents.isSuccess && agents.data.length === 0;

  return (
    <Paper withBorder radius="md" p="lg" maw={520}>
      <Stack gap="sm">
        <Group gap="xs">
          <IconUserQuestion size={22} aria-hidden />
          <Title order={2} size="h4">
            {t("cases.me.title")}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t("cases.me.prompt")}
        </Text>
        {agents.isError && (
          <Text size="sm" c="red" role="alert">
            {describeError(t, agents.error)}
          </Text>
        )}
        {noAgents ? (
          <form onSubmit={addMe} noValidate>
            <Stack gap="xs">
              <Text size="sm">{t("cases.me.noAgents")}</Text>
              <Group align="flex-end" gap="xs">
                <TextInput
                  label={t("cases.me.newAgent")}
                  value={name}
                  onChange={(e) => {
                    setName(e.currentTarget.value);
                    setError(null);
                  }}
                  error={error ?? undefined}
                  style={{ flex: 1 }}
                />
                <Button type="submit" loading={createAgent.isPending || setMe.isPending}>
                  {t("cases.me.addAgent")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <form onSubmit={choose} noValidate>
            <Group align="flex-end" gap="xs">
              <Select
                label={t("cases.me.agent")}
                placeholder={t("cases.me.agentPlaceholder")}
                data={(agents.data ?? []).map((a) => ({
                  value: a.id,
                  label: a.teamName ? `${a.name} (${a.teamName})` : a.name,
                }))}
                value={agent}
                onChange={(v) => {
                  setAgent(v);
                  setError(null);
                }}
                searchable
                error={error ?? undefined}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={setMe.isPending}>
                {t("cases.me.submit")}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
