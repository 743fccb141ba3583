/**
 * The attendance grid: one row per enrolled agent, two cells to fill — attended (a
 * checkbox) and score (0–100). Built for the keyboard: the arrow keys move between cells
 * (left and right leave a score field only from its first or last character), Enter moves
 * down a column, Tab goes through the cells in order, Space ticks a checkbox. Typing a
 * score ticks "attended". "Save attendance" sends every editable row in one transaction;
 * Rust writes a training record (completed on the session day) for each attendee with a
 * score, or each attendee when the course has no pass mark. A row with a record shows its
 * result and is not edited again: a correction is a new record on the agent's page.
 */
import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import type { AgentId, Attendee, SessionDetail } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useSaveAttendance } from "../ipc/queries";

type Draft = { attended: boolean; score: string };
const COLUMNS = 2;

/** A score as typed: null when empty, a number 0–100, or "bad". */
export function parseScore(text: string): number | null | "bad" {
  const s = text.trim();
  if (s === "") return null;
  if (!/^\d{1,3}$/.test(s)) return "bad";
  const n = Number(s);
  return n <= 100 ? n : "bad";
}

function draftOf(a: Attendee): Draft {
  return { attended: a.attended, score: a.result?.score != null ? String(a.result.score) : "" };
}

export function AttendanceGrid({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const save = useSaveAttendance(detail.session.id);
  const [drafts, setDrafts] = useState<Record<AgentId, Draft>>(() =>
    Object.fromEntries(detail.attendees.map((a) => [a.agentId, draftOf(a)])),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const cells = useRef<(HTMLInputElement | null)[][]>([]);
  const rows = detail.attendees;
  const draft = (a: Attendee) => drafts[a.agentId] ?? draftOf(a);
  const set = (id: AgentId, change: Partial<Draft>) => {
    setMessage(null);
    setDrafts((d) => ({ ...d, [id]: { ...(d[id] ?? { attended: false, score: "" }), ...change } }));
  };

  const focus = (row: number, col: number) => {
    const target = cells.current[row]?.[col];
    if (target) {
      target.focus();
      if (target.type === "text") target.select();
    }
  };

  /** Moves to the next cell that can take focus in a direction (recorded rows are skipped). */
  const move = (row: number, col: number, dRow: number, dCol: number): boolean => {
    let r = row + dRow;
    let c = col + dCol;
    while (r >= 0 && r < rows.length && c >= 0 && c < COLUMNS) {
      if (cells.current[r]?.[c]) {
        focus(r, c);
        return true;
      }
      r += dRow;
      c += dCol;
    }
    return false;
  };

  const onKeyDown = (row: number, col: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    const input = event.currentTarget;
    const text = input.type === "text";
    // In a score field left and right move the caret, and leave the field from its ends
    // (a field just entered has its text selected: both ends at once).
    const atStart = !text || input.selectionStart === 0;
    const atEnd = !text || input.selectionEnd === input.value.length;
    let moved = false;
    switch (event.key) {
      case "ArrowUp":
        moved = move(row, col, -1, 0);
        break;
      case "ArrowDown":
        moved = move(row, col, 1, 0);
        break;
      case "Enter":
        // Enter moves down the column; on the last row it does nothing more (Save is a
        // Tab away), so a stray Enter never saves half a grid.
        move(row, col, 1, 0);
        moved = true;
        break;
      case "ArrowLeft":
        if (atStart) moved = move(row, col, 0, -1);
        break;
      case "ArrowRight":
        if (atEnd) moved = move(row, col, 0, 1);
        break;
      default:
        return;
    }
    if (moved) event.preventDefault();
  };

  const editable = rows.filter((a) => !a.result);
  const bad = editable.filter((a) => parseScore(draft(a).score) === "bad");

  const submit = () => {
    setMessage(null);
    if (bad.length > 0) {
      const first = rows.indexOf(bad[0]!);
      focus(first, 1);
      setMessage({ ok: false, text: t("training.attendance.fixScores", { count: bad.length }) });
      return;
    }
    const payload = editable.map((a) => {
      const d = draft(a);
      const score = parseScore(d.score) as number | null;
      return { agentId: a.agentId, attended: d.attended || score !== null, score };
    });
    save.mutate(payload, {
      onSuccess: (saved) => setMessage({ ok: true, text: t("training.attendance.saved", { count: saved.records }) }),
      onError: (error) => setMessage({ ok: false, text: describeError(t, error) }),
    });
  };

  if (rows.length === 0) return <Text c="dimmed">{t("training.attendance.empty")}</Text>;

  return (
    <Stack gap="sm">
      <Text size="sm" id="attendance-help">
        {detail.passMark === null ? t("training.attendance.helpNoPassMark") : t("training.attendance.help", { mark: detail.passMark })}{" "}
        {t("training.attendance.keys")}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label={t("training.attendance.tableLabel")} aria-describedby="attendance-help">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("training.attendance.agent")}</Table.Th>
              <Table.Th scope="col">{t("fields.attended")}</Table.Th>
              <Table.Th scope="col">{t("fields.score")}</Table.Th>
              <Table.Th scope="col">{t("training.attendance.result")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a, i) => {
              const d = draft(a);
              const parsed = parseScore(d.score);
              const register = (col: number) => (el: HTMLInputElement | null) => {
                cells.current[i] ??= [];
                cells.current[i]![col] = el;
              };
              return (
                <Table.Tr key={a.agentId}>
                  <Table.Th scope="row" fw="normal">
                    {a.name}
                    {a.leftOn ? (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        ({t("training.people.leftOn", { date: a.leftOn })})
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td>
                    {a.result ? (
                      <Group gap={4}>
                        <IconCheck size={14} aria-hidden />
                        <Text size="sm">{t("training.attendance.yes")}</Text>
                      </Group>
                    ) : (
                      <Checkbox
                        ref={register(0)}
                        aria-label={t("training.attendance.attendedOf", { name: a.name })}
                        checked={d.attended}
                        onChange={(e) => set(a.agentId, { attended: e.currentTarget.checked })}
                        onKeyDown={onKeyDown(i, 0)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.result ? (
                      <Text size="sm">{a.result.score ?? t("common.none")}</Text>
                    ) : (
                      <TextInput
                        ref={register(1)}
                        size="xs"
                        w={90}
                        inputMode="numeric"
                        autoComplete="off"
                        aria-label={t("training.attendance.scoreOf", { name: a.name })}
                        value={d.score}
                        onChange={(e) => {
                          const score = e.currentTarget.value;
                          set(a.agentId, score.trim() ? { score, attended: true } : { score });
                        }}
                        onKeyDown={onKeyDown(i, 1)}
                        error={parsed === "bad" ? t("training.attendance.scoreRange") : undefined}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ResultText attendee={a} draft={d} passMark={detail.passMark} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {message ? (
        <Alert color={message.ok ? "teal" : "red"} role={message.ok ? "status" : "alert"} p="xs">
          {message.text}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={submit} loading={save.isPending} disabled={editable.length === 0}>
          {t("training.attendance.save")}
        </Button>
      </Group>
    </Stack>
  );
}

/** What a row amounts to: its record's result, or what the typed score would give. */
function ResultText({ attendee, draft, passMark }: { attendee: Attendee; draft: Draft; passMark: number | null }) {
  const { t } = useTranslation();
  if (attendee.result) {
    const { passed, expiresOn } = attendee.result;
    return (
      <Text size="sm" c={passed ? "teal" : "red"}>
        {passed ? t("training.attendance.passed") : t("training.attendance.failed")}
        {passed && expiresOn ? ` · ${t("training.attendance.expires", { date: expiresOn })}` : ""}
      </Text>
    );
  }
  const score = parseScore(draft.score);
  if (!draft.attended && score === null) return <Text size="sm" c="dimmed">{t("training.attendance.absent")}</Text>;
  if (score === "bad") return null;
  if (passMark === null) return <Text size="sm">{t("training.attendance.willPass")}</Text>;
  if (score === null) return <Text size="sm" c="dimmed">{t("training.attendance.awaitingScore")}</Text>;
  return <Text size="sm">{score >= passMark ? t("training.attendance.willPass") : t("training.attendance.willFail")}</Text>;
}
