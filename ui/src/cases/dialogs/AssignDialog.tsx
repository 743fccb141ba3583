/**
 * Assign the case to an agent and/or a team ("Nobody" clears either). Agents who have
 * left are not offered; a case already theirs shows their name until reassigned.
 */
import { Button, Select } from "@mantine/core";
import { IconUserCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Case } from "../../ipc/bindings";
import { pickableAgents, useAgents, useAssignCase, useMe, useTeams } from "../../ipc/queries";
import { FormDialog } from "./FormDialog";
import { useDialogMutation } from "./useDialogMutation";

const NOBODY = "__nobody__";

export function AssignDialog({ kase, opened, onClose }: { kase: Case; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const teams = useTeams();
  const me = useMe();
  const [agent, setAgent] = useState<string>(kase.assigneeId ?? NOBODY);
  const [team, setTeam] = useState<string>(kase.teamId ?? NOBODY);
  const { errors, save, formProps } = useDialogMutation(useAssignCase(kase.id), [] as const, onClose);

  const pickAgent = (id: string) => {
    setAgent(id);
    errors.clear();
    // An agent's own team is the natural default.
    const teamOf = agents.data?.find((a) => a.id === id)?.teamId;
    if (teamOf && team === NOBODY) setTeam(teamOf);
  };

  const submit = () => save({ assignee: agent === NOBODY ? null : agent, team: team === NOBODY ? null : team });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("cases.assign.title")}
      submitLabel={t("cases.assign.submit")}
      {...formProps}
      onSubmit={submit}
    >
      <Select
        label={t("cases.assign.agent")}
        data={[
          { value: NOBODY, label: t("cases.assign.nobody") },
          // Agents who left are not offered, though the case's own assignee still shows.
          ...pickableAgents(agents.data, kase.assigneeId).map((a) => ({
            value: a.id,
            label: a.leftOn ? t("training.people.leftName", { name: a.name }) : a.teamName ? `${a.name} (${a.teamName})` : a.name,
          })),
        ]}
        value={agent}
        onChange={(v) => v && pickAgent(v)}
        allowDeselect={false}
        searchable
        data-autofocus
      />
      {me.data && me.data !== agent && pickableAgents(agents.data).some((a) => a.id === me.data) && (
        <Button
          variant="subtle"
          size="compact-sm"
          w="fit-content"
          leftSection={<IconUserCheck size={14} aria-hidden />}
          onClick={() => pickAgent(me.data!)}
        >
          {t("cases.assign.toMe")}
        </Button>
      )}
      <Select
        label={t("cases.assign.team")}
        data={[
          { value: NOBODY, label: t("cases.assign.nobody") },
          ...(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name })),
        ]}
        value={team}
        onChange={(v) => v && setTeam(v)}
        allowDeselect={false}
        searchable
      />
    </FormDialog>
  );
}
