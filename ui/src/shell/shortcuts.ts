/**
 * How a section shortcut is written for people (tooltip) and for assistive technology
 * (`aria-keyshortcuts`). macOS uses Cmd, everything else Ctrl; the handler in
 * `AppLayout` accepts either, so the label only has to be right, not exclusive.
 */
export function isMacPlatform(): boolean {
  if (typeof navigator === "undefined") return false;
  return /mac|iphone|ipad/i.test(navigator.platform || navigator.userAgent);
}

export function shortcutLabel(digit: string, mac: boolean): string {
  return mac ? `⌘${digit}` : `Ctrl+${digit}`;
}

export function ariaKeyShortcut(digit: string, mac: boolean): string {
  return `${mac ? "Meta" : "Control"}+${digit}`;
}
