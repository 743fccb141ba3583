/**
 * The compliance matrix of a team (or everyone): each active agent × each course their
 * role requires, as compliant, expiring, expired, due, missing or exempt — each state with
 * its own icon, words and colour — with counts per agent and per course, and who needs
 * what in the next 30, 60 or 90 days. Rust derives all of it for today; this page only
 * shows it. Exported to CSV by Rust, and printed as the page (the controls left out).
 */
import { Button, Group, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileExport, IconPrinter } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { FormSelect } from "../cases/dialogs/FormSelect";
import { datedFileName } from "../export/useCasesCsvExport";
import type { StateCounts, TeamId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useExportComplianceCsv } from "../ipc/export";
import { useCompliance, useTeams } from "../ipc/queries";
import classes from "./CompliancePage.module.css";
import { COMPLIANCE_STATES, HORIZONS } from "./model";
import { ComplianceBadge } from "./StatusBadge";
import { OutstandingAcks } from "../knowledge/OutstandingAcks";

/** The non-zero counts in words ("2 compliant, 1 missing"), or "none". */
function countsText(t: TFunction, counts: StateCounts): string {
  const parts = COMPLIANCE_STATES.filter((s) => counts[s] > 0).map((s) =>
    t(`training.compliance.count.${s}`, { count: counts[s] }),
  );
  return parts.length > 0 ? parts.join(t("training.compliance.countSeparator")) : t("training.compliance.noCells");
}

export function CompliancePage() {
  const { t } = useTranslation();
  const [teamId, setTeamId] = useState<TeamId | null>(null);
  const [withinDays, setWithinDays] = useState<number>(30);
  const view = useCompliance({ teamId, withinDays });
  const teams = useTeams();
  const csv = useExportComplianceCsv();
  const teamName = teams.data?.find((tm) => tm.id === teamId)?.name ?? t("training.compliance.allTeams");
  const matrix = view.data?.matrix;
  const needs = view.data?.needs ?? [];

  const exportCsv = () =>
    csv.mutate(
      { teamId, fileName: datedFileName(t("training.compliance.file", { team: teamName }), "csv") },
      {
        onSuccess: (done) => {
          if (done) notifications.show({ color: "teal", message: t("training.compliance.exported", { path: done.path }) });
        },
        onError: (e) => notifications.show({ color: "red", title: t("export.failed"), message: describeError(t, e) }),
      },
    );

  return (
    <Stack gap="md" className={classes.page}>
      <Group justify="space-between" align="flex-end" className={classes.controls} wrap="wrap">
        <FormSelect
          size="xs"
          clearable
          label={t("fields.teamId")}
          placeholder={t("training.compliance.allTeams")}
          data={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
          value={teamId}
          onChange={setTeamId}
          style={{ minWidth: 220 }}
        />
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileExport size={14} aria-hidden />}
            disabled={!matrix}
            loading={csv.isPending}
            onClick={exportCsv}
          >
            {t("export.csv")}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPrinter size={14} aria-hidden />}
            disabled={!matrix}
            onClick={() => window.print()}
          >
            {t("training.compliance.print")}
          </Button>
        </Group>
      </Group>

      <div>
        <Title order={2} size="h3">
          {t("training.compliance.title", { team: teamName })}
        </Title>
        <Text size="sm" c="dimmed" aria-live="polite">
          {view.isError
            ? describeError(t, view.error)
            : matrix
              ? t("training.compliance.asOf", { date: matrix.today, counts: countsText(t, matrix.totals) })
              : t("common.loading")}
        </Text>
      </div>

      {matrix && matrix.rows.length > 0 && matrix.courses.length > 0 ? (
        <Table.ScrollContainer
          minWidth={Math.max(480, 200 + matrix.courses.length * 175)}
          // Wider than the window with many courses, and its cells hold nothing to focus:
          // the scrolled region itself takes focus so the arrow keys can scroll it.
          scrollAreaProps={{ viewportProps: { tabIndex: 0, role: "region", "aria-label": t("training.compliance.tableLabel") } }}
        >
          <Table withTableBorder withColumnBorders className={classes.matrix} aria-label={t("training.compliance.tableLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("training.compliance.agent")}</Table.Th>
                {matrix.courses.map((c) => (
                  <Table.Th scope="col" key={c.id}>
                    {c.title}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t("training.compliance.summary")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matrix.rows.map((row) => (
                <Table.Tr key={row.agentId}>
                  <Table.Th scope="row" fw="normal" className={classes.agent}>
                    {row.name}
                  </Table.Th>
                  {row.cells.map((cell, i) => (
                    <Table.Td key={matrix.courses[i]?.id ?? i} className={classes.cell}>
                      {cell ? (
                        <Stack gap={2} align="flex-start">
                          <ComplianceBadge state={cell.state} />
                          {cell.by && cell.state !== "exempt" ? (
                            <Text size="xs" c="dimmed">
                              {t(`training.compliance.by.${cell.state}`, { date: cell.by })}
                            </Text>
                          ) : null}
                        </Stack>
                      ) : (
                        <>
                          <Text span c="dimmed" aria-hidden>
                            —
                          </Text>
                          <VisuallyHidden>{t("training.compliance.notRequired")}</VisuallyHidden>
                        </>
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <Text size="xs">{countsText(t, row.counts)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t("training.compliance.summary")}</Table.Th>
                {matrix.courses.map((c) => (
                  <Table.Td key={c.id}>
                    <Text size="xs">{countsText(t, c.counts)}</Text>
                  </Table.Td>
                ))}
                <Table.Td>
                  <Text size="xs">{countsText(t, matrix.totals)}</Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      ) : matrix ? (
        <Text c="dimmed">{t("training.compliance.empty")}</Text>
      ) : null}

      <Stack gap="xs" className={classes.section}>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={3} size="h4">
            {t("training.compliance.needsTitle", { count: withinDays })}
          </Title>
          <SegmentedControl
            className={classes.controls}
            size="xs"
            aria-label={t("training.compliance.horizon")}
            data={HORIZONS.map((d) => ({ value: String(d), label: t("training.compliance.days", { count: d }) }))}
            value={String(withinDays)}
            onChange={(v) => setWithinDays(Number(v))}
          />
        </Group>
        {needs.length > 0 ? (
          <Table striped aria-label={t("training.compliance.needsLabel", { count: withinDays })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("training.compliance.agent")}</Table.Th>
                <Table.Th scope="col">{t("fields.courseId")}</Table.Th>
                <Table.Th scope="col">{t("training.records.status")}</Table.Th>
                <Table.Th scope="col">{t("training.compliance.byDate")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {needs.map((n) => (
                <Table.Tr key={`${n.agentId} ${n.courseId}`}>
                  <Table.Th scope="row" fw="normal">
                    {n.agentName}
                  </Table.Th>
                  <Table.Td>{n.courseTitle}</Table.Td>
                  <Table.Td>
                    <ComplianceBadge state={n.state} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{n.by ?? t("training.compliance.now")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : matrix ? (
          <Text c="dimmed">{t("training.compliance.noNeeds", { count: withinDays })}</Text>
        ) : null}
      </Stack>
      <OutstandingAcks teamId={teamId} className={classes.section} />
    </Stack>
  );
}
