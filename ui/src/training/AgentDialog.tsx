/**
 * Add an agent to the roster, or edit one: name, employee id, team, role and hire date.
 * An agent first made from a case's assignee picker is edited here like any other.
 */
import { SimpleGrid, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import type { RoleId, RosterAgent, TeamId } from "../ipc/bindings";
import { useRoles, useSaveAgent, useTeams } from "../ipc/queries";
import { roleOptions } from "./model";

const FIELDS = ["name", "employeeId", "teamId", "roleId", "hiredOn"] as const;

export function AgentDialog({ agent, opened, onClose }: { agent?: RosterAgent; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const roles = useRoles();
  const [name, setName] = useState(agent?.name ?? "");
  const [employeeId, setEmployeeId] = useState(agent?.employeeId ?? "");
  const [team, setTeam] = useState<TeamId | null>(agent?.teamId ?? null);
  const [role, setRole] = useState<RoleId | null>(agent?.roleId ?? null);
  const [hiredOn, setHiredOn] = useState<string | null>(agent?.hiredOn ?? null);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveAgent(agent?.id ?? null), FIELDS, onClose);

  const submit = () => {
    if (!errors.requireFilled({ name })) return;
    save({ name, employeeId, teamId: team, roleId: role, hiredOn });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={agent ? t("training.people.editTitle") : t("training.people.newTitle")}
      submitLabel={agent ? t("common.save") : t("training.people.create")}
      {...formProps}
      onSubmit={submit}
    >
      <TextInput label={t("fields.name")} {...textField("name", name, setName)} required maxLength={120} data-autofocus />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label={t("fields.employeeId")} {...textField("employeeId", employeeId, setEmployeeId)} maxLength={40} />
        <DateInput
          label={t("fields.hiredOn")}
          value={hiredOn}
          onChange={(v) => {
            setHiredOn(v);
            errors.clear("hiredOn");
          }}
          valueFormat="YYYY-MM-DD"
          clearable
          error={errors.fieldErrors.hiredOn}
        />
        <FormSelect
          label={t("fields.teamId")}
          data={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
          value={team}
          onChange={(v) => {
            setTeam(v);
            errors.clear("teamId");
          }}
          placeholder={t("common.none")}
          clearable
          error={errors.fieldErrors.teamId}
        />
        <FormSelect
          label={t("fields.roleId")}
          data={roleOptions(t, roles.data ?? [], agent?.roleId ?? null)}
          value={role}
          onChange={(v) => {
            setRole(v);
            errors.clear("roleId");
          }}
          placeholder={t("common.none")}
          clearable
          error={errors.fieldErrors.roleId}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
