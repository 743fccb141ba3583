/**
 * The cases linked to a run (the complaints an outage caused): each opens its case page
 * and can be unlinked; another is linked by searching cases by reference or text (the
 * Cases page's own search), or created from the run, linked in the same write.
 */
import { ActionIcon, Anchor, Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconLinkOff, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { emptyListQuery } from "../cases/listState";
import { QuickCreateDialog } from "../cases/QuickCreateDialog";
import type { CaseId, PlanRunId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCaseFirstPage, useLinkRunCase, useRunCases, useUnlinkRunCase } from "../ipc/queries";

export function RunCases({ run }: { run: PlanRunId }) {
  const { t } = useTranslation();
  const linked = useRunCases(run);
  const link = useLinkRunCase(run);
  const unlink = useUnlinkRunCase(run);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 150);
  const [choice, setChoice] = useState<CaseId | null>(null);
  const [creating, setCreating] = useState(false);
  const found = useCaseFirstPage({ ...emptyListQuery(), text: debounced }, debounced.length > 0);
  const linkedIds = new Set((linked.data ?? []).map((c) => c.id));
  const options = debounced
    ? (found.data?.rows ?? []).filter((c) => !linkedIds.has(c.id)).map((c) => ({ value: c.id, label: `${c.reference} · ${c.title}` }))
    : [];
  const failed = link.error ?? unlink.error ?? linked.error;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-cases-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id="run-cases-title">
            {t("plans.cases.title")}
          </Title>
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}>
            {t("plans.cases.create")}
          </Button>
        </Group>
        {failed ? (
          <Text size="sm" c="red" role="alert">
            {describeError(t, failed)}
          </Text>
        ) : null}
        {linked.data && linked.data.length > 0 ? (
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: "none" }}>
            {linked.data.map((c) => (
              <Group component="li" key={c.id} justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
                    {c.reference}
                  </Anchor>
                  <Text size="sm" truncate>
                    {c.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`cases.status.${c.status}`)}
                  </Text>
                </Group>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("plans.cases.unlink", { reference: c.reference })}
                  onClick={() => unlink.mutate(c.id)}
                >
                  <IconLinkOff size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        ) : linked.data ? (
          <Text size="sm" c="dimmed">
            {t("plans.cases.none")}
          </Text>
        ) : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) link.mutate(choice, { onSuccess: () => setChoice(null) });
          }}
        >
          <Group align="flex-end" gap="xs">
            <Select
              label={t("plans.cases.find")}
              placeholder={t("plans.cases.findPlaceholder")}
              searchable
              data={options}
              value={choice}
              onChange={setChoice}
              searchValue={search}
              onSearchChange={setSearch}
              nothingFoundMessage={debounced ? t("plans.cases.noMatch") : undefined}
              filter={({ options: all }) => all}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="default" disabled={!choice} loading={link.isPending}>
              {t("plans.cases.link")}
            </Button>
          </Group>
        </form>
      </Stack>
      {creating ? <QuickCreateDialog opened run={run} onClose={() => setCreating(false)} /> : null}
    </Paper>
  );
}
