/**
 * Customers: search (name, company, e-mail, phone; 250 ms after typing), the matches
 * with their tier and case count, and "New customer". A row opens the customer.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconCrown, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { describeError, ipcErrorMessage, ipcErrorOf } from "../ipc/errors";
import { useCustomerSearch } from "../ipc/queries";
import { CustomerFormDialog } from "./CustomerFormDialog";

const LIMIT = 200;

export function CustomerListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const customers = useCustomerSearch(debounced, LIMIT);
  const [creating, setCreating] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const rows = customers.data ?? [];
  // A search text Rust refused (longer than it searches) is said beside the box.
  const refused = customers.isError ? ipcErrorOf(customers.error) : null;
  const searchError =
    refused?.code === "validation" && refused.field === "query" ? ipcErrorMessage(t, refused) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("customers.title")}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t("customers.new")}
        </Button>
      </Group>

      <TextInput
        aria-label={t("customers.search")}
        placeholder={t("customers.searchPlaceholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        type="search"
        maw={420}
        error={searchError ?? undefined}
      />

      {searchError ? null : customers.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("customers.loadFailed")}>
          {describeError(t, customers.error)}
        </Alert>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
          <Table highlightOnHover verticalSpacing={6} aria-label={t("customers.listLabel")} aria-busy={customers.isFetching || undefined}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers.columns.name")}</Table.Th>
                <Table.Th>{t("customers.columns.company")}</Table.Th>
                <Table.Th>{t("customers.columns.email")}</Table.Th>
                <Table.Th>{t("customers.columns.phone")}</Table.Th>
                <Table.Th>{t("customers.columns.tier")}</Table.Th>
                <Table.Th ta="right">{t("customers.columns.cases")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} style={{ cursor: "pointer" }} onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a")) return;
                  void navigate(`/customers/${c.id}`);
                }}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${c.id}`} size="sm" fw={500}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.company}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.phone}</Text>
                  </Table.Td>
                  <Table.Td>
                    {c.tier === "vip" ? (
                      <Badge color="yellow" variant="light" size="sm" leftSection={<IconCrown size={11} aria-hidden />}>
                        {t("cases.tier.vip")}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("cases.tier.standard")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{number.format(c.caseCount)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {customers.isSuccess && rows.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              {debounced ? t("customers.noMatch") : t("customers.empty")}
            </Text>
          )}
        </Paper>
      )}
      {rows.length >= LIMIT && (
        <Text size="xs" c="dimmed">
          {t("customers.limited", { count: LIMIT })}
        </Text>
      )}

      {creating && (
        <CustomerFormDialog
          customer={null}
          opened
          onClose={() => setCreating(false)}
          onSaved={(c) => void navigate(`/customers/${c.id}`)}
        />
      )}
    </Stack>
  );
}
