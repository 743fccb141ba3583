/**
 * A range of days (YYYY-MM-DD) picked on a calendar. The owner hears of a range only once
 * both ends are picked (or, where it can be cleared, both cleared): half a range is kept
 * here, so the first click does not run a query for a one-sided period.
 */
import { DatePickerInput } from "@mantine/dates";
import { useEffect, useState } from "react";

export function DayRangeInput({
  label,
  from,
  to,
  onChange,
  placeholder,
  clearable = false,
  maxDate,
  error,
  minWidth,
}: {
  label: string;
  from: string | null;
  to: string | null;
  onChange: (from: string | null, to: string | null) => void;
  /** Shown while no days are picked. */
  placeholder?: string;
  /** Whether the range can be emptied (a filter); a period always has days. */
  clearable?: boolean;
  maxDate?: string;
  error?: string | null;
  minWidth?: number;
}) {
  const [range, setRange] = useState<[string | null, string | null]>([from, to]);
  useEffect(() => setRange([from, to]), [from, to]);
  return (
    <DatePickerInput
      type="range"
      size="xs"
      clearable={clearable}
      label={label}
      placeholder={placeholder}
      value={range}
      onChange={([start, end]) => {
        setRange([start, end]);
        if ((start && end) || (clearable && !start && !end)) onChange(start, end);
      }}
      valueFormat="YYYY-MM-DD"
      maxDate={maxDate}
      allowSingleDateInRange
      error={error ?? undefined}
      miw={minWidth}
    />
  );
}
