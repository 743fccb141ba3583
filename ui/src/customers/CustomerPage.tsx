/**
 * One customer: contact details, tier, notes, Edit, and their cases (the same
 * virtualised list as Cases, filtered by `customerIds` on the Rust side).
 */
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconCrown, IconEdit } from "@tabler/icons-react";
import type { RowSelectionState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import { BulkActions } from "../cases/BulkActions";
import { CaseTable } from "../cases/CaseTable";
import { CustomerFormDialog } from "./CustomerFormDialog";
import { emptyListQuery } from "../cases/listState";
import type { CaseSort, Customer } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCaseFirstPage, useCustomer } from "../ipc/queries";

function CustomerCases({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [sort, setSort] = useState<{ sort: CaseSort; descending: boolean }>({ sort: "created", descending: true });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const query = useMemo(
    () => ({ ...emptyListQuery(), customerIds: [customer.id], sort: sort.sort, descending: sort.descending }),
    [customer.id, sort],
  );
  const first = useCaseFirstPage(query);

  return (
    <Stack gap="xs">
      <Group gap="sm" align="baseline">
        <Title order={2} size="h4">
          {t("customers.cases")}
        </Title>
        {first.data && (
          <Text size="sm" c="dimmed">
            {t("customers.caseCount", { count: first.data.total })}
          </Text>
        )}
      </Group>
      {first.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("cases.list.loadFailed")}>
          {describeError(t, first.error)}
        </Alert>
      ) : (
        <div style={{ position: "relative", height: 440, display: "flex", flexDirection: "column" }}>
          <CaseTable
            query={query}
            firstPage={first.data}
            stale={first.isPlaceholderData}
            selection={selection}
            onSelectionChange={setSelection}
            sort={sort.sort}
            descending={sort.descending}
            onSortChange={(s, descending) => setSort({ sort: s, descending })}
            onOpen={(id) => void navigate(`/cases/${id}`, { state: { from: `/customers/${customer.id}` } })}
            callbacks={false}
          />
          <BulkActions ids={Object.keys(selection)} onClear={() => setSelection({})} />
        </div>
      )}
    </Stack>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const customer = useCustomer(id);
  const [editing, setEditing] = useState(false);

  const back = (
    <Anchor component={Link} to="/customers" size="sm" w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t("customers.back")}
      </Group>
    </Anchor>
  );

  if (customer.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (customer.isError) {
    return (
      <Stack gap="md" maw={720}>
        {back}
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("customers.detailFailed")}>
          {describeError(t, customer.error)}
        </Alert>
      </Stack>
    );
  }
  const c = customer.data;

  return (
    <Stack gap="md">
      {back}
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={1} size="h2">
                {c.name}
              </Title>
              {c.tier === "vip" && (
                <Badge color="yellow" variant="light" leftSection={<IconCrown size={12} aria-hidden />}>
                  {t("cases.tier.vip")}
                </Badge>
              )}
            </Group>
            {c.company && (
              <Text size="sm" c="dimmed">
                {c.company}
              </Text>
            )}
          </Stack>
          <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)}>
            {t("customers.edit")}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md" spacing="md">
          <div>
            <Text size="xs" c="dimmed">
              {t("fields.email")}
            </Text>
            <Text size="sm">{c.email || t("common.none")}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("fields.phone")}
            </Text>
            <Text size="sm">{c.phone || t("common.none")}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("fields.notes")}
            </Text>
            <Text size="sm" c={c.notes ? undefined : "dimmed"} style={{ whiteSpace: "pre-wrap" }}>
              {c.notes || t("customers.noNotes")}
            </Text>
          </div>
        </SimpleGrid>
      </Paper>

      <CustomerCases customer={c} />

      {editing && <CustomerFormDialog customer={c} opened onClose={() => setEditing(false)} />}
    </Stack>
  );
}
