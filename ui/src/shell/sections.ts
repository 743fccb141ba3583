/**
 * The app's sections, in navbar order. One list drives the navbar and the Ctrl/Cmd+1…9
 * shortcuts, so they cannot disagree.
 */
import {
  IconAdjustmentsHorizontal,
  IconBook,
  IconBriefcase,
  IconCertificate,
  IconChartBar,
  IconListCheck,
  IconMessageHeart,
  IconRefresh,
  IconUsers,
  type Icon,
} from "@tabler/icons-react";

export type SectionId =
  | "dashboard"
  | "cases"
  | "customers"
  | "voice"
  | "training"
  | "plans"
  | "knowledge"
  | "sync"
  | "settings";

export interface Section {
  id: SectionId;
  path: `/${SectionId}`;
  icon: Icon;
  /** The digit pressed with Ctrl (Cmd on macOS) to open this section. */
  shortcutDigit: string;
}

export const SECTIONS: readonly Section[] = [
  // The home screen: the numbers a supervisor answers for, then the work behind them.
  { id: "dashboard", path: "/dashboard", icon: IconChartBar, shortcutDigit: "1" },
  { id: "cases", path: "/cases", icon: IconBriefcase, shortcutDigit: "2" },
  { id: "customers", path: "/customers", icon: IconUsers, shortcutDigit: "3" },
  { id: "voice", path: "/voice", icon: IconMessageHeart, shortcutDigit: "4" },
  { id: "training", path: "/training", icon: IconCertificate, shortcutDigit: "5" },
  { id: "plans", path: "/plans", icon: IconListCheck, shortcutDigit: "6" },
  { id: "knowledge", path: "/knowledge", icon: IconBook, shortcutDigit: "7" },
  { id: "sync", path: "/sync", icon: IconRefresh, shortcutDigit: "8" },
  { id: "settings", path: "/settings", icon: IconAdjustmentsHorizontal, shortcutDigit: "9" },
];

/** Where the app opens: the dashboard, the supervisor's home screen. */
export const DEFAULT_SECTION: Section = SECTIONS[0]!;

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}
