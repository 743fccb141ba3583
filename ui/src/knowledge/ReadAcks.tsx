/**
 * Read and acknowledge, on the article page: which roles were asked to read which
 * version, the agents who still have to acknowledge it and those who have. "Ask to
 * read…" asks roles (publishing the current text first when it changed); "Record
 * briefing…" records many agents at once; each outstanding agent can also be marked
 * alone. Rust derives who is outstanding; this panel only shows it.
 */
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { FormDialog } from "../cases/dialogs/FormDialog";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { today } from "../dashboard/period";
import type { AgentId, Article, OutstandingAck, RoleId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useAcknowledge, useAskToRead, useReadStatus, useRoles } from "../ipc/queries";
import { roleLabel, roleLabelOf } from "../training/model";

const ASK_FIELDS = ["roleIds", "articleId", "body"] as const;
const ACK_FIELDS = ["agentIds", "ackedOn", "articleId"] as const;

function AskDialog({ article, opened, onClose }: { article: Article; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const neverPublished = article.status !== "published";
  const changed = neverPublished || article.changedSincePublish;
  const [publish, setPublish] = useState(true);
  const { errors, save, formProps } = useDialogMutation(useAskToRead(), ASK_FIELDS, (version) => {
    notifications.show({ message: t("knowledge.acks.asked") });
    setRoleIds([]);
    onClose();
    return version;
  });
  const submit = () => {
    if (!errors.requireFilled({ roleIds: roleIds.join(",") })) return;
    save({ article: article.id, roleIds: roleIds as RoleId[], publish: changed && (neverPublished || publish) });
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("knowledge.acks.askTitle", { title: article.fields.title })}
      submitLabel={t("knowledge.acks.askSubmit")}
      {...formProps}
      onSubmit={submit}
      intro={<Text size="sm">{t("knowledge.acks.askIntro")}</Text>}
    >
      <Checkbox.Group
        label={t("knowledge.acks.roles")}
        value={roleIds}
        onChange={(v) => {
          setRoleIds(v);
          errors.clear("roleIds");
        }}
        error={errors.fieldErrors.roleIds}
        required
      >
        <Stack gap={6} mt={6}>
          {(roles.data ?? [])
            .filter((r) => !r.retired)
            .map((r) => (
              <Checkbox key={r.id} value={r.id} label={roleLabel(t, r)} />
            ))}
        </Stack>
      </Checkbox.Group>
      {changed ? (
        <Checkbox
          checked={neverPublished || publish}
          disabled={neverPublished}
          onChange={(e) => setPublish(e.currentTarget.checked)}
          label={t(neverPublished ? "knowledge.acks.publishFirstNew" : "knowledge.acks.publishFirst")}
        />
      ) : null}
    </FormDialog>
  );
}

function BriefingDialog({
  article,
  outstanding,
  opened,
  onClose,
}: {
  article: Article;
  outstanding: OutstandingAck[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [agentIds, setAgentIds] = useState<string[] | null>(null);
  const [ackedOn, setAckedOn] = useState<string | null>(today());
  const chosen = agentIds ?? outstanding.map((o) => o.agentId);
  const { errors, save, formProps } = useDialogMutation(useAcknowledge(), ACK_FIELDS, (added) => {
    notifications.show({ message: t("knowledge.acks.recorded", { count: added }) });
    setAgentIds(null);
    onClose();
  });
  const submit = () => {
    if (!errors.requireFilled({ agentIds: chosen.join(","), ackedOn: ackedOn ?? "" })) return;
    save({ article: article.id, agentIds: chosen as AgentId[], ackedOn: ackedOn ?? "" });
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("knowledge.acks.briefingTitle", { title: article.fields.title })}
      submitLabel={t("knowledge.acks.briefingSubmit")}
      {...formProps}
      onSubmit={submit}
      intro={<Text size="sm">{t("knowledge.acks.briefingIntro")}</Text>}
    >
      <Checkbox.Group
        label={t("knowledge.acks.agents")}
        value={chosen}
        onChange={(v) => {
          setAgentIds(v);
          errors.clear("agentIds");
        }}
        error={errors.fieldErrors.agentIds}
        required
      >
        <Stack gap={6} mt={6}>
          {outstanding.map((o) => (
            <Checkbox key={o.agentId} value={o.agentId} label={o.agentName} />
          ))}
        </Stack>
      </Checkbox.Group>
      <DateInput
        label={t("fields.ackedOn")}
        value={ackedOn}
        onChange={(v) => {
          setAckedOn(v);
          errors.clear("ackedOn");
        }}
        valueFormat="YYYY-MM-DD"
        maxDate={today()}
        required
        error={errors.fieldErrors.ackedOn}
      />
    </FormDialog>
  );
}

export function ReadAcks({ article }: { article: Article }) {
  const { t } = useTranslation();
  const headingId = useId();
  const status = useReadStatus(article.id);
  const roles = useRoles();
  const acknowledge = useAcknowledge();
  const [asking, setAsking] = useState(false);
  const [briefing, setBriefing] = useState(false);
  const data = status.data;
  const outstanding = data?.outstanding ?? [];
  const acknowledged = data?.acknowledged ?? [];
  const canAsk = article.status !== "archived" && article.fields.body.trim() !== "";

  const markOne = (o: OutstandingAck) =>
    acknowledge.mutate(
      { article: article.id, agentIds: [o.agentId], ackedOn: today() },
      {
        onSuccess: () => notifications.show({ message: t("knowledge.acks.recordedOne", { name: o.agentName }) }),
        onError: (e) => notifications.show({ color: "red", message: describeError(t, e) }),
      },
    );

  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h5" id={headingId}>
          {t("knowledge.acks.title")}
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={!canAsk} onClick={() => setAsking(true)}>
            {t("knowledge.acks.ask")}
          </Button>
          <Button size="xs" variant="default" disabled={outstanding.length === 0} onClick={() => setBriefing(true)}>
            {t("knowledge.acks.briefing")}
          </Button>
        </Group>
        {status.isError ? (
          <Text size="sm" c="red">
            {describeError(t, status.error)}
          </Text>
        ) : data && data.requests.length > 0 ? (
          <>
            <Text size="sm">
              {t("knowledge.acks.askedRoles", {
                roles: data.requests
                  .map((r) =>
                    t("knowledge.acks.roleVersion", {
                      role: roleLabelOf(t, roles.data, r.roleId),
                      number: r.versionNumber,
                    }),
                  )
                  .join(t("knowledge.acks.separator")),
              })}
            </Text>
            <Text size="sm" fw={500}>
              {t("knowledge.acks.outstanding", { count: outstanding.length })}
            </Text>
            {outstanding.length > 0 ? (
              <Stack
                gap={4}
                component="ul"
                aria-label={t("knowledge.acks.outstandingList")}
                style={{ listStyle: "none", padding: 0, margin: 0 }}
              >
                {outstanding.map((o) => (
                  <Group component="li" key={o.agentId} justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm">
                      {t("knowledge.acks.agentVersion", { name: o.agentName, number: o.versionNumber })}
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      loading={acknowledge.isPending && acknowledge.variables?.agentIds[0] === o.agentId}
                      aria-label={t("knowledge.acks.markReadNamed", { name: o.agentName })}
                      onClick={() => markOne(o)}
                    >
                      {t("knowledge.acks.markRead")}
                    </Button>
                  </Group>
                ))}
              </Stack>
            ) : null}
            {acknowledged.length > 0 ? (
              <Text size="sm" c="dimmed">
                {t("knowledge.acks.acknowledged", {
                  names: acknowledged
                    .map((a) => t("knowledge.acks.ackedOn", { name: a.agentName, date: a.ackedOn }))
                    .join(t("knowledge.acks.separator")),
                })}
              </Text>
            ) : null}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t(data?.latestVersionId ? "knowledge.acks.none" : "knowledge.acks.notPublished")}
          </Text>
        )}
      </Stack>
      <AskDialog article={article} opened={asking} onClose={() => setAsking(false)} />
      <BriefingDialog article={article} outstanding={outstanding} opened={briefing} onClose={() => setBriefing(false)} />
    </Paper>
  );
}
