/**
 * The app's sections, in navbar order. One list drives the routes, the navbar and the
 * Ctrl/Cmd+1…6 shortcuts, so they cannot disagree.
 */
import {
  IconAdjustmentsHorizontal,
  IconBriefcase,
  IconCertificate,
  IconChartBar,
  IconListCheck,
  IconRefresh,
  type Icon,
} from "@tabler/icons-react";

export type SectionId = "cases" | "training" | "plans" | "dashboard" | "sync" | "settings";

export interface Section {
  id: SectionId;
  path: `/${SectionId}`;
  icon: Icon;
  /** The digit pressed with Ctrl (Cmd on macOS) to open this section. */
  shortcutDigit: string;
}

export const SECTIONS: readonly Section[] = [
  { id: "cases", path: "/cases", icon: IconBriefcase, shortcutDigit: "1" },
  { id: "training", path: "/training", icon: IconCertificate, shortcutDigit: "2" },
  { id: "plans", path: "/plans", icon: IconListCheck, shortcutDigit: "3" },
  { id: "dashboard", path: "/dashboard", icon: IconChartBar, shortcutDigit: "4" },
  { id: "sync", path: "/sync", icon: IconRefresh, shortcutDigit: "5" },
  { id: "settings", path: "/settings", icon: IconAdjustmentsHorizontal, shortcutDigit: "6" },
];

export const DEFAULT_SECTION: Section = SECTIONS[0]!;

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}
