/**
 * Search, filters and sort above the case list. The search box sends its text 250 ms
 * after the last keystroke (Rust searches, in Chinese and English alike); the filters
 * fold open below it and the number of filters in use shows on their button.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Collapse,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  TextInput,
  Tooltip,
} from "@mantine/core";
import {
  IconFilter,
  IconFilterOff,
  IconSearch,
  IconSortAscending,
  IconSortDescending,
  IconX,
} from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { LIMITS, type CaseChannel, type CaseSort, type CaseStatus, type Priority, type Tier } from "../ipc/bindings";
import { useAgents, useCaseCategories, useCaseTags, useTeams } from "../ipc/queries";
import { DrillBounds } from "./DrillBounds";
import { activeFilterCount, clearFilters, type ListState } from "./listState";
import { SORTS, channelOptions, priorityOptions, statusOptions, tierOptions } from "./model";
import { DayRangeInput } from "../shell/DayRangeInput";
import { useOpenedOnce } from "../shell/openedOnce";
import { SavedViews } from "./SavedViews";

export const SEARCH_DEBOUNCE_MS = 250;

function SearchBox({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  /** Rust's refusal of the search text (e.g. too long), shown beside the box. */
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const input = useRef<HTMLInputElement>(null);

  // A saved view or "clear" changes the text from outside.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = text;
      onChange(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, onChange]);

  return (
    <TextInput
      ref={input}
      // type="text" with the searchbox role, not type="search": WebKit draws its own
      // clear button in search fields, which made two beside ours.
      type="text"
      role="searchbox"
      aria-label={t("cases.list.search")}
      placeholder={t("cases.list.searchPlaceholder")}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        text ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => {
              sent.current = "";
              setText("");
              onChange("");
              // The button goes away with the text; the focus stays in the search box.
              input.current?.focus();
            }}
            aria-label={t("cases.list.clearSearch")}
          >
            <IconX size={14} aria-hidden />
          </ActionIcon>
        ) : null
      }
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      error={error ?? undefined}
      onKeyDown={(e) => {
        if (e.key === "Escape" && text) {
          e.stopPropagation();
          setText("");
        }
      }}
      w={300}
      size="sm"
    />
  );
}

export interface CaseFiltersProps {
  state: ListState;
  onChange: (patch: Partial<ListState>) => void;
  onReplace: (state: ListState) => void;
  /** Why Rust refused the search text, if it did. */
  searchError?: string | null;
}

export function CaseFilters({ state, onChange, onReplace, searchError }: CaseFiltersProps) {
  const { t } = useTranslation();
  const active = activeFilterCount(state);
  const [open, setOpen] = useState(active > 0);
  // The panel's eight pickers (and the lists they offer) are made when it is first opened,
  // not with the page: the Cases page's first rows are timed from its opening (issue 15).
  const panelMade = useOpenedOnce(open);

  const sortData = SORTS.map((s) => ({ value: s, label: t(`cases.list.sort.${s}`) }));

  return (
    <div>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap">
          <SearchBox value={state.text} onChange={(text) => onChange({ text })} error={searchError} />
          <Button
            variant={open || active > 0 ? "light" : "default"}
            size="sm"
            leftSection={<IconFilter size={16} aria-hidden />}
            rightSection={
              active > 0 ? (
                <Badge size="xs" circle aria-hidden>
                  {active}
                </Badge>
              ) : undefined
            }
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls="case-filters"
            aria-description={active > 0 ? t("cases.filters.activeCount", { count: active }) : undefined}
          >
            {t("cases.filters.label")}
          </Button>
          {active > 0 && (
            <Button
              variant="subtle"
              size="sm"
              color="gray"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => onReplace(clearFilters(state))}
            >
              {t("cases.filters.clear")}
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Select
            aria-label={t("cases.list.sortBy")}
            data={sortData}
            value={state.sort}
            onChange={(v) => {
              const sort = SORTS.find((s) => s === v) as CaseSort | undefined;
              if (sort) onChange({ sort });
            }}
            allowDeselect={false}
            size="sm"
            w={150}
            leftSection={<IconSortDescending size={16} aria-hidden />}
          />
          <Tooltip label={state.descending ? t("cases.list.descending") : t("cases.list.ascending")}>
            <ActionIcon
              variant="default"
              size={36}
              onClick={() => onChange({ descending: !state.descending })}
              aria-label={state.descending ? t("cases.list.descending") : t("cases.list.ascending")}
            >
              {state.descending ? (
                <IconSortDescending size={18} aria-hidden />
              ) : (
                <IconSortAscending size={18} aria-hidden />
              )}
            </ActionIcon>
          </Tooltip>
          <SavedViews state={state} onApply={onReplace} />
        </Group>
      </Group>

      <DrillBounds state={state} onChange={onChange} />

      <Collapse expanded={open}>
        <div id="case-filters">{panelMade && <FilterPanel state={state} onChange={onChange} />}</div>
      </Collapse>
    </div>
  );
}

/** The filters behind the Filters button. */
function FilterPanel({ state, onChange }: Pick<CaseFiltersProps, "state" | "onChange">) {
  const { t } = useTranslation();
  const categories = useCaseCategories();
  const tags = useCaseTags();
  const agents = useAgents();
  const teams = useTeams();
  const common = { size: "xs" as const, clearable: true, comboboxProps: { withinPortal: true } };
  // No filter offers more values than a query may carry.
  const multi = { ...common, maxValues: LIMITS.queryListMax };
  return (
    <SimpleGrid cols={4} spacing="xs" verticalSpacing={6} pt="sm">
      <MultiSelect
        {...multi}
        label={t("cases.filters.status")}
        placeholder={state.statuses.length ? undefined : t("cases.filters.any")}
        data={statusOptions(t)}
        value={state.statuses}
        onChange={(v) => onChange({ statuses: v as CaseStatus[] })}
      />
      <MultiSelect
        {...multi}
        label={t("cases.filters.priority")}
        placeholder={state.priorities.length ? undefined : t("cases.filters.any")}
        data={priorityOptions(t)}
        value={state.priorities}
        onChange={(v) => onChange({ priorities: v as Priority[] })}
      />
      <MultiSelect
        {...multi}
        label={t("cases.filters.channel")}
        placeholder={state.channels.length ? undefined : t("cases.filters.any")}
        data={channelOptions(t)}
        value={state.channels}
        onChange={(v) => onChange({ channels: v as CaseChannel[] })}
      />
      <MultiSelect
        {...multi}
        label={t("cases.filters.category")}
        placeholder={state.categories.length ? undefined : t("cases.filters.any")}
        data={[...new Set([...(categories.data ?? []), ...state.categories])]}
        value={state.categories}
        onChange={(categories) => onChange({ categories })}
        searchable
      />
      <MultiSelect
        {...multi}
        label={t("cases.filters.assignee")}
        placeholder={state.assignees.length ? undefined : t("cases.filters.any")}
        data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={state.assignees}
        onChange={(assignees) => onChange({ assignees })}
        searchable
      />
      <MultiSelect
        {...multi}
        label={t("cases.filters.team")}
        placeholder={state.teams.length ? undefined : t("cases.filters.any")}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={state.teams}
        onChange={(v) => onChange({ teams: v })}
        searchable
      />
      <MultiSelect
        {...multi}
        label={t("cases.filters.tier")}
        placeholder={state.tiers.length ? undefined : t("cases.filters.any")}
        data={tierOptions(t)}
        value={state.tiers}
        onChange={(v) => onChange({ tiers: v as Tier[] })}
      />
      <Select
        {...common}
        label={t("cases.filters.tag")}
        placeholder={t("cases.filters.any")}
        data={[...new Set([...(tags.data ?? []), ...(state.tag ? [state.tag] : [])])]}
        value={state.tag}
        onChange={(tag) => onChange({ tag })}
        searchable
      />
      <DayRangeInput
        label={t("cases.filters.created")}
        placeholder={t("cases.filters.any")}
        clearable
        from={state.createdFrom}
        to={state.createdTo}
        onChange={(createdFrom, createdTo) => onChange({ createdFrom, createdTo })}
      />
    </SimpleGrid>
  );
}
