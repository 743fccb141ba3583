/**
 * The compliance view's list of knowledge-base articles agents still have to
 * acknowledge (a team's, or everyone's): each agent with the article and version their
 * role was asked to read, linking to the article, where acknowledgements are recorded.
 * Rust derives the list; agents who left are not in it.
 */
import { Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { TeamId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useOutstandingAcks, useRoles } from "../ipc/queries";
import { roleLabelOf } from "../training/model";

export function OutstandingAcks({ teamId, className }: { teamId: TeamId | null; className?: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const acks = useOutstandingAcks(teamId);
  const roles = useRoles();
  const rows = acks.data ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} className={className}>
      <Title order={3} size="h4" id={headingId}>
        {t("knowledge.acks.complianceTitle")}
      </Title>
      {acks.isError ? (
        <Text c="red">{describeError(t, acks.error)}</Text>
      ) : rows.length > 0 ? (
        <Table striped aria-label={t("knowledge.acks.complianceLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("knowledge.acks.agent")}</Table.Th>
              <Table.Th scope="col">{t("knowledge.acks.role")}</Table.Th>
              <Table.Th scope="col">{t("knowledge.acks.article")}</Table.Th>
              <Table.Th scope="col">{t("knowledge.acks.version")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={`${o.articleId} ${o.agentId}`}>
                <Table.Th scope="row" fw="normal">
                  {o.agentName}
                </Table.Th>
                <Table.Td>{roleLabelOf(t, roles.data, o.roleId)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/knowledge/${o.articleId}`} size="sm">
                    {o.articleTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t("knowledge.history.version", { number: o.versionNumber })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : acks.data ? (
        <Text c="dimmed">{t("knowledge.acks.complianceNone")}</Text>
      ) : null}
    </Stack>
  );
}
