/**
 * A Select for forms that are submitted with Enter. Mantine's non-searchable Select acts
 * like a button: Enter on its closed list opens the list, so "type the title, Tab through,
 * press Enter" never submitted. Here Enter on the closed list submits the form, as it does
 * in a text field; ArrowDown, Space and a click still open the list, and Enter on the open
 * list still picks the highlighted option.
 */
import { Select, type SelectProps } from "@mantine/core";
import type { KeyboardEvent } from "react";

/**
 * Runs before Mantine's own key handler (capture phase): on Enter with the list closed it
 * stops the event, so the list does not open, and submits the enclosing form instead.
 */
function submitOnClosedEnter(event: KeyboardEvent<HTMLInputElement>) {
  // keyCode 229: an input method is composing; its Enter confirms the composition.
  if (event.key !== "Enter" || event.nativeEvent.isComposing || event.keyCode === 229) return;
  const input = event.currentTarget;
  if (input.getAttribute("aria-expanded") === "true") return;
  event.preventDefault();
  event.stopPropagation();
  input.form?.requestSubmit();
}

export function FormSelect(props: SelectProps) {
  return <Select {...props} onKeyDownCapture={submitOnClosedEnter} />;
}
