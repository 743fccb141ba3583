/**
 * KPI targets: what each role is expected to reach on each KPI (a table of KPIs by role,
 * each cell saved when it loses focus, emptied to clear it), and the agents who have
 * their own target on a KPI, which overrides their role's. "At least" or "at most"
 * follows from the KPI; durations are entered in minutes. A refusal is said beside the
 * cell, in the unit it shows.
 */
import { ActionIcon, Button, Group, NativeSelect, NumberInput, Stack, Table, Text, Title } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId, KpiMetric, KpiTarget, Role, TargetScope } from "../ipc/bindings";
import { describeError, ipcErrorOf, ruleMessage } from "../ipc/errors";
import { useRoles, useRoster, useSetTarget, useTargets } from "../ipc/queries";
import { roleLabel } from "./model";
import { MAX_MINUTES, METRICS, fromInput, metricOf, targetText, toInput } from "./targets";

const kpiLabel = (t: TFunction, kpi: KpiMetric) => t(`dashboard.leaderboard.columns.${metricOf(kpi).column}`);

/** Rust's refusal in the unit the field shows (a duration's limit in minutes). */
function errorText(t: TFunction, error: unknown): string {
  const ipc = ipcErrorOf(error);
  if (ipc?.code === "validation" && ipc.rule === "out_of_range" && ipc.limit != null) {
    return ruleMessage(t, "out_of_range", ipc.field === "targetSeconds" ? ipc.limit / 60 : ipc.limit);
  }
  return describeError(t, error);
}

function sameScope(a: TargetScope, b: TargetScope) {
  return a.kind === "role" && b.kind === "role" ? a.roleId === b.roleId : a.kind === "agent" && b.kind === "agent" && a.agentId === b.agentId;
}

function TargetInput({ scope, kpi, held, label }: { scope: TargetScope; kpi: KpiMetric; held: number | null | undefined; label: string }) {
  const { t } = useTranslation();
  const save = useSetTarget();
  const metric = metricOf(kpi);
  const shown = held == null ? "" : toInput(kpi, held);
  const [draft, setDraft] = useState<number | string | null>(null);
  return (
    <NumberInput
      size="xs"
      aria-label={label}
      suffix={t(`targets.suffix.${metric.unit}`)}
      min={0}
      max={metric.unit === "percent" ? 100 : MAX_MINUTES}
      clampBehavior="none"
      decimalScale={2}
      value={draft ?? shown}
      onChange={setDraft}
      onBlur={() => {
        if (draft !== null && draft !== shown) {
          save.mutate({ scope, kpi, value: draft === "" ? null : fromInput(kpi, Number(draft)) });
        }
        setDraft(null);
      }}
      error={save.isError ? errorText(t, save.error) : undefined}
    />
  );
}

function RoleTargets({ roles, targets }: { roles: Role[]; targets: KpiTarget[] }) {
  const { t } = useTranslation();
  const held = (role: Role, kpi: KpiMetric) =>
    targets.find((x) => x.kpi === kpi && sameScope(x.scope, { kind: "role", roleId: role.id }))?.value;
  return (
    <Table.ScrollContainer minWidth={200 + roles.length * 150}>
      <Table withTableBorder withColumnBorders aria-label={t("targets.roleTable")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("fields.kpi")}</Table.Th>
            {roles.map((r) => (
              <Table.Th scope="col" key={r.id}>
                {roleLabel(t, r)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {METRICS.map((m) => (
            <Table.Tr key={m.kpi}>
              <Table.Th scope="row" fw="normal">
                {kpiLabel(t, m.kpi)}{" "}
                <Text span size="xs" c="dimmed">
                  {t(`targets.direction.${m.direction}`)}
                </Text>
              </Table.Th>
              {roles.map((r) => (
                <Table.Td key={r.id}>
                  <TargetInput
                    scope={{ kind: "role", roleId: r.id }}
                    kpi={m.kpi}
                    held={held(r, m.kpi)}
                    label={t("targets.cellLabel", { kpi: kpiLabel(t, m.kpi), role: roleLabel(t, r) })}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AgentTargets({ targets }: { targets: KpiTarget[] }) {
  const { t, i18n } = useTranslation();
  const roster = useRoster({ teamId: null, roleId: null, activity: null });
  const save = useSetTarget();
  const [agent, setAgent] = useState<string>("");
  const [kpi, setKpi] = useState<KpiMetric>("csat");
  const [value, setValue] = useState<number | string>("");
  const own = targets.filter((x): x is KpiTarget & { scope: { kind: "agent"; agentId: AgentId } } => x.scope.kind === "agent");
  const nameOf = (id: AgentId) => roster.data?.find((a) => a.id === id)?.name ?? id;
  const active = (roster.data ?? []).filter((a) => !a.leftOn);

  return (
    <Stack gap="xs">
      {own.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("targets.agentsNone")}
        </Text>
      ) : (
        <Table withTableBorder aria-label={t("targets.agentTable")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("fields.agentId")}</Table.Th>
              <Table.Th scope="col">{t("fields.kpi")}</Table.Th>
              <Table.Th scope="col">{t("targets.target")}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t("training.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {own.map((x) => (
              <Table.Tr key={`${x.scope.agentId}-${x.kpi}`}>
                <Table.Td>{nameOf(x.scope.agentId)}</Table.Td>
                <Table.Td>{kpiLabel(t, x.kpi)}</Table.Td>
                <Table.Td>{targetText(i18n.language, x.kpi, metricOf(x.kpi).direction, x.value)}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("targets.remove", { kpi: kpiLabel(t, x.kpi), name: nameOf(x.scope.agentId) })}
                    onClick={() => save.mutate({ scope: x.scope, kpi: x.kpi, value: null })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group
        component="form"
        align="flex-end"
        gap="xs"
        aria-label={t("targets.addLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          if (!agent || value === "") return;
          save.mutate(
            { scope: { kind: "agent", agentId: agent as AgentId }, kpi, value: fromInput(kpi, Number(value)) },
            { onSuccess: () => setValue("") },
          );
        }}
      >
        <NativeSelect
          size="xs"
          label={t("fields.agentId")}
          value={agent}
          onChange={(e) => setAgent(e.currentTarget.value)}
          data={[{ value: "", label: t("targets.pickAgent") }, ...active.map((a) => ({ value: a.id, label: a.name }))]}
          required
        />
        <NativeSelect
          size="xs"
          label={t("fields.kpi")}
          value={kpi}
          onChange={(e) => setKpi(e.currentTarget.value as KpiMetric)}
          data={METRICS.map((m) => ({ value: m.kpi, label: kpiLabel(t, m.kpi) }))}
        />
        <NumberInput
          size="xs"
          w={140}
          label={t("targets.target")}
          suffix={t(`targets.suffix.${metricOf(kpi).unit}`)}
          min={0}
          clampBehavior="none"
          decimalScale={2}
          value={value}
          onChange={setValue}
          required
        />
        <Button size="xs" type="submit" loading={save.isPending}>
          {t("targets.add")}
        </Button>
      </Group>
      {save.isError ? (
        <Text size="sm" c="var(--mantine-color-red-text)" role="alert">
          {errorText(t, save.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

export function TargetsPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const targets = useTargets();
  const failed = roles.error ?? targets.error;
  const live = (roles.data ?? []).filter((r) => !r.retired);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {failed ? describeError(t, failed) : t("targets.intro")}
      </Text>
      <Stack gap="xs" component="section" aria-labelledby="targets-roles-title">
        <Title order={2} size="h4" id="targets-roles-title">
          {t("targets.rolesTitle")}
        </Title>
        {targets.data && roles.data ? <RoleTargets roles={live} targets={targets.data} /> : null}
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="targets-agents-title">
        <Title order={2} size="h4" id="targets-agents-title">
          {t("targets.agentsTitle")}
        </Title>
        {targets.data ? <AgentTargets targets={targets.data} /> : null}
      </Stack>
    </Stack>
  );
}
