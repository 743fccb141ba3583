/**
 * Pick a customer by typing part of a name, or add one on the spot: the last option
 * is always "Add customer “…”" for the typed text, so a new caller costs one Enter.
 * The best match is pre-selected, so Enter picks it; a second Enter submits the form.
 */
import { Badge, Combobox, Group, InputBase, Loader, Text, useCombobox, CloseButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconUser } from "@tabler/icons-react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { LIMITS, type Customer, type CustomerId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useCreateCustomer, useCustomerSearch } from "../ipc/queries";

const ADD = "__add__";

export interface PickedCustomer {
  id: CustomerId;
  name: string;
}

export interface CustomerPickerProps {
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  error?: string;
  label?: string;
}

export function CustomerPicker({ value, onChange, error, label }: CustomerPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState(value?.name ?? "");
  const [debounced] = useDebouncedValue(search.trim(), 150);
  // Rust searches at most this many characters; a longer name is still offered to add.
  const results = useCustomerSearch(debounced.slice(0, LIMITS.customerSearchMax), 8, combobox.dropdownOpened);
  const create = useCreateCustomer();
  const [createError, setCreateError] = useState<string | null>(null);

  useEffect(() => setSearch(value?.name ?? ""), [value?.id, value?.name]);

  const customers: Customer[] = results.data ?? [];
  const typed = search.trim();
  const exact = customers.some((c) => c.name.toLocaleLowerCase() === typed.toLocaleLowerCase());
  const canAdd = typed !== "" && !exact && typed !== value?.name;

  // While the user types, the best match is pre-selected so Enter picks it; otherwise
  // nothing is, so Enter submits the form instead of picking someone by accident.
  const typing = typed !== "" && typed !== value?.name;
  const { dropdownOpened, selectFirstOption, resetSelectedOption } = combobox;
  useEffect(() => {
    if (!dropdownOpened) return;
    if (typing) selectFirstOption();
    else resetSelectedOption();
  }, [results.data, typed, typing, dropdownOpened, selectFirstOption, resetSelectedOption]);

  const pick = (picked: PickedCustomer | null) => {
    onChange(picked);
    setSearch(picked?.name ?? "");
    combobox.closeDropdown();
  };

  const submit = (option: string) => {
    if (option === ADD) {
      setCreateError(null);
      create.mutate(
        { name: typed, company: "", email: "", phone: "", tier: "standard", notes: "" },
        {
          onSuccess: (customer) => {
            notifications.show({ message: t("cases.customerPicker.added", { name: customer.name }), color: "teal" });
            pick({ id: customer.id, name: customer.name });
          },
          onError: (e) => setCreateError(describeError(t, e)),
        },
      );
      return;
    }
    const customer = customers.find((c) => c.id === option);
    if (customer) pick({ id: customer.id, name: customer.name });
  };

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal>
      <Combobox.Target withExpandedAttribute targetType="input">
        <InputBase
          id={id}
          label={label ?? t("fields.customerId")}
          placeholder={t("cases.customerPicker.placeholder")}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setCreateError(null);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            // Typing without picking keeps the customer that was chosen.
            if (search.trim() === "") {
              if (value) onChange(null);
            } else {
              setSearch(value?.name ?? "");
            }
          }}
          leftSection={<IconUser size={16} aria-hidden />}
          rightSection={
            create.isPending ? (
              <Loader size={14} />
            ) : value ? (
              <CloseButton
                size="sm"
                aria-label={t("cases.customerPicker.clear")}
                // Off the Tab order: emptying the field clears the customer too.
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(null)}
              />
            ) : null
          }
          rightSectionPointerEvents={value ? "all" : "none"}
          error={error ?? createError ?? undefined}
          autoComplete="off"
        />
      </Combobox.Target>

      <Combobox.Dropdown>
        <Combobox.Options labelledBy={`${id}-label`}>
          {customers.map((c) => (
            <Combobox.Option value={c.id} key={c.id} active={c.id === value?.id}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" truncate>
                    {c.name}
                  </Text>
                  {(c.company || c.email || c.phone) && (
                    <Text size="xs" c="dimmed" truncate>
                      {[c.company, c.email || c.phone].filter(Boolean).join(" · ")}
                    </Text>
                  )}
                </div>
                {c.tier === "vip" && (
                  <Badge size="xs" color="yellow" variant="light">
                    {t("cases.tier.vip")}
                  </Badge>
                )}
              </Group>
            </Combobox.Option>
          ))}
          {canAdd && (
            <Combobox.Option value={ADD}>
              <Group gap={6} wrap="nowrap">
                <IconPlus size={14} aria-hidden />
                <Text size="sm" truncate>
                  {t("cases.customerPicker.add", { name: typed })}
                </Text>
              </Group>
            </Combobox.Option>
          )}
          {customers.length === 0 && !canAdd && (
            <Combobox.Empty>{t("cases.customerPicker.noMatch")}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
