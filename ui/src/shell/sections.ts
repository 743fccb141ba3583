/**
 * The app's sections, in navbar order. One list drives the navbar and the Ctrl/Cmd+1…8
 * shortcuts, so they cannot disagree.
 */
import {
  IconAdjustmentsHorizontal,
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
  | "cases"
  | "customers"
  | "training"
  | "plans"
  | "dashboard"
  | "voice"
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
  { id: "cases", path: "/cases", icon: IconBriefcase, shortcutDigit: "1" },
  { id: "customers", path: "/customers", icon: IconUsers, shortcutDigit: "2" },
  { id: "training", path: "/training", icon: IconCertificate, shortcutDigit: "3" },
  { id: "plans", path: "/plans", icon: IconListCheck, shortcutDigit: "4" },
  { id: "dashboard", path: "/dashboard", icon: IconChartBar, shortcutDigit: "5" },
  // The customer's voice sits beside the numbers it explains.
  { id: "voice", path: "/voice", icon: IconMessageHeart, shortcutDigit: "6" },
  { id: "sync", path: "/sync", icon: IconRefresh, shortcutDigit: "7" },
  { id: "settings", path: "/settings", icon: IconAdjustmentsHorizontal, shortcutDigit: "8" },
];

export const DEFAULT_SECTION: Section = SECTIONS[0]!;

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}
