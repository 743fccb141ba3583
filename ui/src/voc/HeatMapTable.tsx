/**
 * One pain-point heat map as a real table: journey stages are row headers, root causes
 * (or themes) column headers, and every cell says its count and CSAT in words — the
 * colour only repeats what the text says. Each non-empty cell is a button opening what
 * it can do (show its cases or feedback, raise an insight); the arrow keys move between
 * those buttons like a grid, Home/End to a row's ends, and only one of them is in the Tab
 * order, so Tab leaves the table in one step.
 */
import { Menu, Table, Text, UnstyledButton } from "@mantine/core";
import { useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import type { HeatCell, HeatMap, HeatRow, Share } from "../ipc/bindings";
import classes from "./HeatMapTable.module.css";
import { stageLabel } from "./stages";

export interface CellAction {
  label: string;
  /** A path to open, or a function to run. */
  run: string | (() => void);
}

function percent(lang: string, share: Share): string | null {
  return share.percent === null ? null : new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(share.percent);
}

/** The columns' least widths, px (as in HeatMapTable.module.css). */
const STAGE_COLUMN_PX = 128;
const CELL_COLUMN_PX = 120;

export function HeatMapTable({
  map,
  caption,
  unit,
  actions,
}: {
  map: HeatMap;
  caption: string;
  /** "cases" or "feedback": how counts are said. */
  unit: "cases" | "feedback";
  actions: (row: HeatRow, column: string, cell: HeatCell) => CellAction[];
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<[number, number] | null>(null);
  const filled = (r: number, c: number) => (map.rows[r]?.cells[c]?.count ?? 0) > 0;
  const first = (() => {
    for (let r = 0; r < map.rows.length; r++)
      for (let c = 0; c < map.columns.length; c++) if (filled(r, c)) return [r, c] as [number, number];
    return null;
  })();
  const current = active && filled(active[0], active[1]) ? active : first;

  const focusCell = (r: number, c: number) => {
    setActive([r, c]);
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${r}-${c}"]`)?.focus();
  };

  /** The next filled cell from (r, c) stepping by (dr, dc); none past the edge. */
  const step = (r: number, c: number, dr: number, dc: number): [number, number] | null => {
    let [nr, nc] = [r + dr, c + dc];
    while (nr >= 0 && nr < map.rows.length && nc >= 0 && nc < map.columns.length) {
      if (filled(nr, nc)) return [nr, nc];
      [nr, nc] = [nr + dr, nc + dc];
    }
    return null;
  };

  const onKeyDown = (event: KeyboardEvent, r: number, c: number) => {
    const moves: Record<string, [number, number] | null> = {
      ArrowRight: step(r, c, 0, 1),
      ArrowLeft: step(r, c, 0, -1),
      ArrowDown: step(r, c, 1, 0),
      ArrowUp: step(r, c, -1, 0),
      Home: step(r, -1, 0, 1),
      End: step(r, map.columns.length, 0, -1),
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const to = moves[event.key];
    if (to) focusCell(to[0], to[1]);
  };

  const describe = (cell: HeatCell) => {
    const csat = percent(i18n.language, cell.csat);
    return {
      count: t(`voc.painPoints.count.${unit}`, { count: cell.count }),
      csat:
        csat === null
          ? t("voc.painPoints.csatNone")
          : t("voc.painPoints.csat", { percent: csat, count: cell.csat.cases }),
    };
  };

  return (
    // Wide enough for every column at its least (HeatMapTable.module.css): many root causes
    // scroll sideways rather than squeeze their names a few letters a line.
    <Table.ScrollContainer minWidth={Math.max(480, STAGE_COLUMN_PX + (map.columns.length + 1) * CELL_COLUMN_PX)}>
      <Table ref={tableRef} withTableBorder withColumnBorders className={classes.table}>
        <caption className={classes.caption}>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className={classes.stage}>
              {t("voc.painPoints.stage")}
            </Table.Th>
            {map.columns.map((column) => (
              <Table.Th key={column} scope="col" className={classes.column}>
                {column}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t("voc.painPoints.rowTotal")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {map.rows.map((row, r) => {
            const stage = stageLabel(t, row.stage);
            const total = describe(row.total);
            return (
              <Table.Tr key={row.stage.id}>
                <Table.Th scope="row">{row.stage.retired ? t("voc.stages.retiredLabel", { name: stage }) : stage}</Table.Th>
                {row.cells.map((cell, c) => {
                  const column = map.columns[c]!;
                  if (cell.count === 0) {
                    return (
                      <Table.Td key={column} className={classes.empty}>
                        <Text size="sm" c="dimmed" aria-label={t("voc.painPoints.emptyCell")}>
                          –
                        </Text>
                      </Table.Td>
                    );
                  }
                  const { count, csat } = describe(cell);
                  const heat = map.maxCount > 0 ? cell.count / map.maxCount : 0;
                  const isCurrent = current !== null && current[0] === r && current[1] === c;
                  return (
                    <Table.Td
                      key={column}
                      className={classes.cell}
                      style={{ "--heat": `${Math.round(12 + heat * 40)}%` } as CSSProperties}
                    >
                      <Menu position="bottom-start" withinPortal>
                        <Menu.Target>
                          <UnstyledButton
                            className={classes.cellButton}
                            data-cell={`${r}-${c}`}
                            tabIndex={isCurrent ? 0 : -1}
                            onFocus={() => setActive([r, c])}
                            onKeyDown={(e) => onKeyDown(e, r, c)}
                            aria-label={t("voc.painPoints.cellLabel", { stage, column, count, csat })}
                          >
                            {/* The count in words, as in the button's name (WCAG 2.5.3, label in name). */}
                            <Text size="sm" fw={600} span>
                              {count}
                            </Text>{" "}
                            <Text size="xs" span className={classes.csat}>
                              {csat}
                            </Text>
                          </UnstyledButton>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {actions(row, column, cell).map((action) => (
                            <Menu.Item
                              key={action.label}
                              onClick={() => (typeof action.run === "string" ? void navigate(action.run) : action.run())}
                            >
                              {action.label}
                            </Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  <Text size="sm" span fw={600}>
                    {row.total.count}
                  </Text>{" "}
                  <Text size="xs" span c="dimmed">
                    {total.csat}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

